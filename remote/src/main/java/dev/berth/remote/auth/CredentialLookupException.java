package dev.berth.remote.auth;

/**
 * Credentials exist somewhere but could not be obtained. "No credentials stored" is not an exception (an empty
 * result); this is for a broken setup the user has to fix, or choose to continue anonymously.
 */
public class CredentialLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** {@code docker-credential-<name>} is not on the PATH. */
        HELPER_NOT_FOUND,
        /** The helper ran and failed (non-zero exit other than "credentials not found"). */
        HELPER_FAILED,
        /** The helper did not answer in time (a locked keychain waiting for a password prompt, say). */
        HELPER_TIMED_OUT,
        /** The helper answered with something that is not its JSON protocol. */
        HELPER_BAD_OUTPUT,
        /** An {@code auth} entry in config.json is not base64 of {@code user:password}. */
        BAD_AUTH_ENTRY
    }

    private final Kind kind;
    private final String helperName;
    private final String registry;

    public CredentialLookupException(Kind kind, String helperName, String registry, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.helperName = helperName;
        this.registry = registry;
    }

    public Kind kind() {
        return kind;
    }

    /** The helper's suffix ({@code desktop} for {@code docker-credential-desktop}), or {@code null}. */
    public String helperName() {
        return helperName;
    }

    public String registry() {
        return registry;
    }
}
