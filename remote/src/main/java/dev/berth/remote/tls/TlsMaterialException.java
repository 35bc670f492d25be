package dev.berth.remote.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem with certificates, keys or the files holding them. The message is meant for users: it names
 * the file and says what is wrong, so callers can show it as is. {@link #problem()} lets code (the
 * transport layer, the wizard) react without parsing the message.
 *
 * <p>Unchecked so it passes through layers that wrap everything in their own exception types anyway (the
 * transport catches it as a {@code RuntimeException}); methods still declare it so callers see it.
 */
public final class TlsMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to map to UI hints. */
    public enum Problem {
        FILE_NOT_FOUND,
        UNREADABLE,
        NOT_PEM,
        NO_CERTIFICATE,
        NO_PRIVATE_KEY,
        PASSPHRASE_REQUIRED,
        WRONG_PASSPHRASE,
        KEY_MISMATCH,
        UNSUPPORTED,
        INVALID_CERTIFICATE,
        TARGET_EXISTS,
        WRITE_FAILED,
        CRYPTO_FAILURE
    }

    private final Problem problem;
    private final transient Path file;

    public TlsMaterialException(Problem problem, Path file, String message) {
        this(problem, file, message, null);
    }

    public TlsMaterialException(Problem problem, Path file, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    /** The file the problem is about, or {@code null} when it is not about one file. */
    public Path file() {
        return file;
    }
}
