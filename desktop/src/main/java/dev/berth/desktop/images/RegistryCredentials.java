package dev.berth.desktop.images;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.auth.CredentialStore;
import dev.berth.remote.auth.RegistryHosts;

/**
 * How to sign in to the registry of a pull or push: with what {@code docker login} saved (the default, as the
 * docker CLI does), with a user name and password typed now, or not at all.
 */
public record RegistryCredentials(Mode mode, String username, String password) {

    private static final Texts T = Texts.of(RegistryCredentials.class);

    public enum Mode { SAVED, LOGIN, ANONYMOUS }

    public static RegistryCredentials saved() {
        return new RegistryCredentials(Mode.SAVED, null, null);
    }

    public static RegistryCredentials anonymous() {
        return new RegistryCredentials(Mode.ANONYMOUS, null, null);
    }

    public static RegistryCredentials login(String username, String password) {
        return new RegistryCredentials(Mode.LOGIN, username, password);
    }

    /** What is missing before this can be used, or {@code null}. */
    public String problem() {
        if (mode == Mode.LOGIN && (username == null || username.isBlank())) {
            return T.get("images.auth.noUser");
        }
        return null;
    }

    /**
     * The credentials to send for {@code imageRef}; {@code null} for anonymous. May run a credential helper, so call
     * it in the background.
     */
    AuthConfig resolve(CredentialStore store, String imageRef) {
        return switch (mode) {
            case ANONYMOUS -> null;
            case LOGIN -> AuthConfig.basic(username.trim(), password == null ? "" : password,
                    RegistryHosts.forImage(imageRef));
            case SAVED -> store.lookupForImage(imageRef).orElse(null);
        };
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "RegistryCredentials[" + mode + (username == null ? "" : ", " + username) + "]";
    }
}
