package dev.berth.remote.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Berth's own version, stamped into the jar at build time. */
public final class BerthVersion {

    private static final String VERSION = load();

    private BerthVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BerthVersion.class.getResourceAsStream("/dev/berth/remote/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
