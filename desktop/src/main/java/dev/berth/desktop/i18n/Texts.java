package dev.berth.desktop.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The user-visible strings of one package, from {@code <package>/messages.properties} and its translations
 * ({@code messages_ko.properties}). Each class that shows text holds {@code private static final Texts T =
 * Texts.of(Xxx.class)} and calls {@code T.get} with a literal key ({@code "some.key"}), so that TextsCompletenessTest can
 * prove every key used exists in every language and every key in a bundle is used.
 */
public final class Texts {

    private static volatile Locale locale = Locale.getDefault();

    private final String bundleName;

    private Texts(String bundleName) {
        this.bundleName = bundleName;
    }

    public static Texts of(Class<?> owner) {
        return new Texts(owner.getPackageName() + ".messages");
    }

    /** The language of the UI; set once at start-up, before the first view is built. */
    public static void useLocale(Locale newLocale) {
        locale = Objects.requireNonNull(newLocale);
    }

    public static Locale locale() {
        return locale;
    }

    /** The text for the key; with arguments, a {@link MessageFormat} pattern ({0}, {1}, … and '' for a quote). */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            // a missing key is a bug the completeness test catches; the key itself is still better than a crash
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private ResourceBundle bundle() {
        // no fallback to the JVM's default locale: English (the base bundle) is the fallback for every language
        return ResourceBundle.getBundle(bundleName, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
