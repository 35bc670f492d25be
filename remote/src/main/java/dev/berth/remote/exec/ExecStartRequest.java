package dev.berth.remote.exec;

import java.util.List;

/** The body of {@code POST /exec/{id}/start}; {@code Tty} must repeat the create request's, as it decides the framing. */
record ExecStartRequest(Boolean detach, Boolean tty, List<Integer> consoleSize) {
}
