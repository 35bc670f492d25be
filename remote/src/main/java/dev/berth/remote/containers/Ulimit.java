package dev.berth.remote.containers;

/** A resource limit such as {@code nofile}, as {@code docker run --ulimit name=soft:hard} sets it. */
public record Ulimit(String name, Long soft, Long hard) {
}
