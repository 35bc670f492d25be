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
 * blocks until the engine sends the next document; {@code null} means the engine ended the stream.
 */
public final class JsonStream<T> implements Closeable {

    private final InputStream in;
    private final MappingIterator<T> values;
    private final String what;

    public JsonStream(InputStream in, Class<T> type, String what) {
        this(in, Json.MAPPER.constructType(type), what);
    }

    public JsonStream(InputStream in, JavaType type, String what) {
        this.in = in;
        this.what = what;
        try {
            this.values = Json.MAPPER.readerFor(type).readValues(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T next() throws IOException {
        try {
            return values.hasNextValue() ? values.nextValue() : null;
        } catch (JsonProcessingException e) {
            throw new EngineProtocolException("the engine sent malformed JSON in " + what + ": "
                    + e.getOriginalMessage(), e);
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

    @Override
    public void close() throws IOException {
        try {
            values.close();
        } finally {
            in.close();
        }
    }
}
