package dev.berth.desktop.settings;

import dev.berth.desktop.i18n.Texts;
import java.util.Locale;
import java.util.Optional;

/** The language of the UI: the system's, or one Berth has texts for. */
public enum Language {
    SYSTEM("system"),
    ENGLISH("en"),
    KOREAN("ko");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** How settings.json writes it. */
    public String code() {
        return code;
    }

    /** The language settings.json names, or empty for a value Berth does not know. */
    public static Optional<Language> ofCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The locale to show, or empty for the system's. */
    public Optional<Locale> locale() {
        return this == SYSTEM ? Optional.empty() : Optional.of(Locale.forLanguageTag(code));
    }

    /**
     * Makes this the UI's language, before the first view is built. The system language needs nothing: the texts
     * follow the JVM's locale unless told otherwise. A launcher override (--lang, BERTH_LANG) is applied after this.
     */
    public void apply() {
        locale().ifPresent(Texts::useLocale);
    }
}
