package dev.berth.remote.stream;

import java.nio.charset.StandardCharsets;

/** Bytes a container wrote, tagged with the stream they came from (always STDOUT for a TTY). */
public record OutputChunk(StdStream stream, byte[] bytes) {

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
