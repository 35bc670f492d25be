package dev.berth.remote.monitor;

/** One header as it went over the wire, in its order and spelling. */
public record HeaderLine(String name, String value) {
}
