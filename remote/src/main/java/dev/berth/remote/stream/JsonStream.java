package dev.berth.remote.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * A stream of JSON documents, one after another (events, stats, pull/push/load progress). Each {@link #next()}
 * blocks until the engine sends the next document; {@code null} means the stream ended or was closed.
 *
 * <p>Nothing is read before the first {@link #next()}: an idle engine may send nothing for hours, and the caller must
 * get the stream back at once to be able to close it. {@link #close()} only closes the input (for a
 * {@code StreamResponse} body, that cancels the call) and never touches the parser, so it is safe from any thread.
 */
public final class JsonStream<T> implements Closeable {

    private final InputStream in;
    private final JavaType type;
    private final String what;
    private volatile boolean closed;
    private MappingIterator<T> values;

    public JsonStream(InputStream in, Class<T> type, String what) {
        this(in, Json.MAPPER.constructType(type), what);
    }

    public JsonStream(InputStream in, JavaType type, String what) {
        this.in = in;
        this.type = type;
        this.what = what;
    }

    public T next() throws IOException {
        if (closed) {
            return null;
        }
        try {
            if (values == null) {
                values = Json.MAPPER.readerFor(type).readValues(in); // creating the parser already reads
            }
            return values.hasNextValue() ? values.nextValue() : null;
        } catch (JsonProcessingException e) {
            if (closed) {
                return null;
            }
            throw new EngineProtocolException("the engine sent malformed JSON in " + what + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            if (closed) {
                return null;
            }
            throw e;
        }
    }

    public void forEach(Consumer<? super T> consumer) {
        try {
            for (T v = next(); v != null; v = next()) {
                consumer.accept(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Ends the stream; callable from any thread, any number of times. */
    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }
}
