package dev.berth.remote.containers;

import dev.berth.remote.client.StreamResponse;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.OutputChunk;
import java.io.IOException;

/** Container output read from an HTTP response; closing it cancels the call, which also ends a blocked read. */
final class StreamedOutput implements ContainerOutput {

    private final ContainerOutput output;
    private final StreamResponse response;

    StreamedOutput(ContainerOutput output, StreamResponse response) {
        this.output = output;
        this.response = response;
    }

    @Override
    public OutputChunk next() throws IOException {
        return output.next();
    }

    @Override
    public void close() {
        response.close();
    }
}
