package dev.berth.engine.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads the k8s-file log conmon writes ({@code <RFC3339Nano> <stdout|stderr> <P|F> <bytes>} per line, P for a
 * partial line the next record continues) as whole log messages, the way {@code docker logs} wants them: partial
 * records joined, filtered by stream and time, the last N only, and optionally followed as the container writes.
 */
public final class ContainerLog {

    public enum Stream {
        STDOUT, STDERR
    }

    /** One message; {@code content} ends with the newline unless the container ended mid-line. */
    public record Entry(Instant time, Stream stream, byte[] content) {
    }

    /**
     * @param since  keep messages at or after this time (null: from the start)
     * @param until  stop at messages after this time (null: no end)
     * @param tail   the last N messages only; negative for all
     */
    public record Query(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
        public static Query all() {
            return new Query(true, true, null, null, -1, false);
        }
    }

    @FunctionalInterface
    public interface Sink {
        void accept(Entry entry) throws IOException;
    }

    private static final long FOLLOW_POLL_MILLIS = 100;

    private final Path file;

    public ContainerLog(Path file) {
        this.file = file;
    }

    /**
     * Delivers the matching messages. With {@code follow}, keeps delivering new ones while {@code running} is
     * true, then drains what is left and returns.
     */
    public void read(Query query, Sink sink, BooleanSupplier running) throws IOException {
        Parser parser = new Parser();
        long position = 0;
        Deque<Entry> tail = query.tail() >= 0 ? new ArrayDeque<>() : null;
        if (query.tail() != 0 || query.follow()) {
            if (Files.exists(file)) {
                Sink first = tail == null ? e -> emit(query, e, sink) : e -> {
                    if (matches(query, e)) {
                        tail.addLast(e);
                        if (tail.size() > query.tail()) {
                            tail.removeFirst();
                        }
                    }
                };
                position = consume(position, parser, first);
                if (!query.follow()) {
                    parser.flush(first);
                }
            }
        }
        if (tail != null) {
            for (Entry e : tail) {
                sink.accept(e);
            }
        }
        if (!query.follow()) {
            return;
        }
        Sink live = e -> emit(query, e, sink);
        while (true) {
            boolean stillRunning = running.getAsBoolean();
            long before = position;
            position = consume(position, parser, live);
            if (!stillRunning) {
                // one last pass: conmon drains the container's pipes before it writes the exit file
                consume(position, parser, live);
                parser.flush(live);
                return;
            }
            if (position == before) {
                try {
                    Thread.sleep(FOLLOW_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (query.until() != null && Instant.now().isAfter(query.until())) {
                return;
            }
        }
    }

    private static boolean matches(Query q, Entry e) {
        if (e.stream() == Stream.STDOUT ? !q.stdout() : !q.stderr()) {
            return false;
        }
        if (q.since() != null && e.time().isBefore(q.since())) {
            return false;
        }
        return q.until() == null || !e.time().isAfter(q.until());
    }

    private static void emit(Query q, Entry e, Sink sink) throws IOException {
        if (matches(q, e)) {
            sink.accept(e);
        }
    }

    /** Reads complete lines from {@code position}; returns where the next read starts (after the last newline). */
    private long consume(long position, Parser parser, Sink sink) throws IOException {
        if (!Files.exists(file)) {
            return position;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < position) {
                position = 0; // truncated (conmon's log-size-max): start over
            }
            in.seek(position);
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long consumed = position;
            long read = position;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        parser.line(line.toByteArray(), sink);
                        line.reset();
                        start = i + 1;
                        consumed = read + i + 1;
                    }
                }
                line.write(buffer, start, n - start);
                read += n;
            }
            return consumed;
        }
    }

    /** Turns records into messages, joining each stream's partial records. */
    private static final class Parser {
        private final Map<Stream, ByteArrayOutputStream> partial = new EnumMap<>(Stream.class);
        private final Map<Stream, Instant> partialTime = new EnumMap<>(Stream.class);

        void line(byte[] line, Sink sink) throws IOException {
            int s1 = indexOf(line, 0);
            int s2 = s1 < 0 ? -1 : indexOf(line, s1 + 1);
            if (s1 < 0 || s2 < 0) {
                return;
            }
            int s3 = indexOf(line, s2 + 1);
            String ts = new String(line, 0, s1, StandardCharsets.US_ASCII);
            String streamName = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
            String tag = new String(line, s2 + 1, (s3 < 0 ? line.length : s3) - s2 - 1, StandardCharsets.US_ASCII);
            int contentStart = s3 < 0 ? line.length : s3 + 1;
            Instant time;
            try {
                time = OffsetDateTime.parse(ts).toInstant();
            } catch (DateTimeParseException e) {
                return;
            }
            Stream stream = streamName.equals("stderr") ? Stream.STDERR : Stream.STDOUT;
            ByteArrayOutputStream buf = partial.computeIfAbsent(stream, k -> new ByteArrayOutputStream());
            if (buf.size() == 0) {
                partialTime.put(stream, time);
            }
            buf.write(line, contentStart, line.length - contentStart);
            if (tag.startsWith("P")) {
                return;
            }
            buf.write('\n');
            Entry entry = new Entry(partialTime.get(stream), stream, buf.toByteArray());
            buf.reset();
            sink.accept(entry);
        }

        /** The container ended mid-line: what is left is a message without its newline. */
        void flush(Sink sink) throws IOException {
            for (Map.Entry<Stream, ByteArrayOutputStream> e : partial.entrySet()) {
                if (e.getValue().size() > 0) {
                    sink.accept(new Entry(partialTime.get(e.getKey()), e.getKey(), e.getValue().toByteArray()));
                    e.getValue().reset();
                }
            }
        }

        private static int indexOf(byte[] line, int from) {
            for (int i = from; i < line.length; i++) {
                if (line[i] == ' ') {
                    return i;
                }
            }
            return -1;
        }
    }
}
