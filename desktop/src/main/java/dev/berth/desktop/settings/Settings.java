package dev.berth.desktop.settings;

import java.util.Objects;

/** Berth's own settings, kept in settings.json in its configuration folder. */
public record Settings(Language language, RemoteAccess remoteAccess) {

    public Settings {
        Objects.requireNonNull(language);
        Objects.requireNonNull(remoteAccess);
    }

    public static Settings defaults() {
        return new Settings(Language.SYSTEM, RemoteAccess.defaults());
    }

    public Settings withLanguage(Language value) {
        return new Settings(value, remoteAccess);
    }

    public Settings withRemoteAccess(RemoteAccess value) {
        return new Settings(language, value);
    }
}
