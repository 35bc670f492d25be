package dev.berth.remote.stream;

/** Which stream a piece of container output came from; the numbers are the multiplexing header's type byte. */
public enum StdStream {
    STDIN, STDOUT, STDERR,
    /** The engine's own error, sent in-band after the response started; it ends the stream. */
    SYSTEMERR;

    static StdStream ofType(int type) {
        return switch (type) {
            case 0 -> STDIN;
            case 1 -> STDOUT;
            case 2 -> STDERR;
            case 3 -> SYSTEMERR;
            default -> null;
        };
    }
}
