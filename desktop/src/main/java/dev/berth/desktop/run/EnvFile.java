package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an env file the way {@code docker run --env-file} does: one {@code KEY=VALUE} per line, the value taken
 * literally (no quote removal), blank lines and {@code #} comments skipped, and a bare {@code KEY} taking its value
 * from this machine's environment (left out when unset there).
 */
public final class EnvFile {

    private static final Texts T = Texts.of(EnvFile.class);

    public record Entry(String key, String value) {
    }

    private EnvFile() {
    }

    /** @throws IllegalArgumentException naming the first bad line */
    public static List<Entry> parse(String content, Function<String, String> hostEnvironment) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line.stripTrailing() : line.substring(0, eq);
            if (key.isEmpty()) {
                throw new IllegalArgumentException(T.get("env-file.no-name", i + 1));
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(T.get("env-file.spaces", i + 1, key));
            }
            if (eq >= 0) {
                entries.add(new Entry(key, line.substring(eq + 1)));
            } else {
                String value = hostEnvironment.apply(key);
                if (value != null) {
                    entries.add(new Entry(key, value));
                }
            }
        }
        return entries;
    }
}
