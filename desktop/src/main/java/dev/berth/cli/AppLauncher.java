package dev.berth.cli;

import dev.berth.desktop.app.DesktopApp;
import dev.berth.desktop.settings.SettingsStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;

/**
 * Plain {@code berth}: opens the window. Launching lives in a class that is not the Application itself, because on
 * the classpath JavaFX refuses to start a main class that extends Application.
 */
final class AppLauncher {

    private AppLauncher() {
    }

    static int run(String[] args, PrintStream err) {
        // the saved language first: a --lang or BERTH_LANG given for this start is applied after it and wins
        SettingsStore.forUser(System.getenv(), Path.of(System.getProperty("user.home"))).load().language().apply();
        String problem = missingDisplay(System.getenv(), System.getProperty("glass.platform"));
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        Application.launch(DesktopApp.class, args);
        return 0;
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
