package dev.berth.engine.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An OutputStream onto a Netty channel, either as HTTP chunks or raw bytes (after a hijack). Writes are buffered
 * until {@link #flush()} or 32 KiB; a writer blocks while the channel is unwritable, so a slow client slows the
 * producer down instead of filling the heap. Writing after the client went away throws.
 */
final class ChannelOutput extends OutputStream {

    private static final int BUFFER = 32 * 1024;

    private final Channel channel;
    private final boolean httpChunks;
    private byte[] buffer = new byte[BUFFER];
    private int count;
    private boolean closed;

    ChannelOutput(Channel channel, boolean httpChunks) {
        this.channel = channel;
        this.httpChunks = httpChunks;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (count == buffer.length) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        flushBuffer();
    }

    private void flushBuffer() throws IOException {
        if (count == 0) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(Arrays.copyOf(buffer, count));
        count = 0;
        ChannelFuture future = channel.writeAndFlush(httpChunks ? new DefaultHttpContent(buf) : buf);
        if (!channel.isWritable()) {
            future.awaitUninterruptibly();
        }
        if (future.isDone() && !future.isSuccess() || !channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
    }

    /** Flushes what is left; the caller ends the HTTP message or closes the channel. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (channel.isActive()) {
                flushBuffer();
            }
        } catch (IOException ignored) {
            // The client is gone; nothing left to deliver.
        }
        closed = true;
        buffer = null;
    }
}
