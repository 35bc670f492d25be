package dev.berth.cli;

import dev.berth.desktop.app.DesktopApp;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.settings.SettingsStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;

/**
 * Plain {@code berth}: opens the window. Launching lives in a class that is not the Application itself, because on
 * the classpath JavaFX refuses to start a main class that extends Application.
 */
final class AppLauncher {

    private AppLauncher() {
    }

    /** @param args nothing, or {@code --lang ko|en} */
    static int run(String[] args, Map<String, String> env, PrintStream err) {
        // the saved language first: a --lang or BERTH_LANG given for this start wins over it
        SettingsStore.forUser(env, Path.of(System.getProperty("user.home"))).load().language().locale()
                .ifPresent(saved -> {
                    Locale.setDefault(saved);
                    Texts.useLocale(saved);
                });
        Locale language;
        try {
            language = language(args, env);
        } catch (IllegalArgumentException e) {
            err.println("berth: " + e.getMessage());
            return 2;
        }
        String problem = missingDisplay(env, System.getProperty("glass.platform"));
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        if (language != null) {
            // JavaFX's own texts (a dialog's Close, a text field's menu) follow the default locale: keep them in step
            Locale.setDefault(language);
            Texts.useLocale(language);
        }
        Application.launch(DesktopApp.class);
        return 0;
    }

    /**
     * The UI language asked for with {@code --lang} or, without it, {@code BERTH_LANG}; null to follow the system's
     * (the JVM's default locale, which comes from LANG).
     */
    static Locale language(String[] args, Map<String, String> env) {
        String asked = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--lang needs a language: ko or en");
                }
                asked = args[++i];
            } else if (args[i].startsWith("--lang=")) {
                asked = args[i].substring("--lang=".length());
            } else {
                throw new IllegalArgumentException("unknown option \"" + args[i] + "\". Try 'berth --help'.");
            }
        }
        if (asked == null) {
            asked = env.get("BERTH_LANG");
            if (blank(asked)) {
                return null;
            }
        }
        // "ko", "ko_KR", "ko-KR.UTF-8" all mean Korean
        String code = asked.strip().split("[_.@-]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (code) {
            case "ko" -> Locale.KOREAN;
            case "en" -> Locale.ENGLISH;
            default -> throw new IllegalArgumentException("unknown language \"" + asked + "\": Berth speaks ko "
                    + "(Korean) and en (English)");
        };
    }

    /** Why the window cannot open here, or null when it can. */
    static String missingDisplay(Map<String, String> env, String glassPlatform) {
        boolean headlessToolkit = "Monocle".equals(glassPlatform);
        if (headlessToolkit || !blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "berth: no display to open the window on (DISPLAY is not set). Run Berth in a desktop session, or over"
                + " ssh -X; 'berth version' and 'berth tls generate' work without one.";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
