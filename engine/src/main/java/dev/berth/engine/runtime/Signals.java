package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers, parsed the way moby's signal.ParseSignal does ("KILL", "SIGKILL", "9"). */
public final class Signals {

    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        String[] names = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
                "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
                "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 1; i < names.length; i++) {
            BY_NAME.put(names[i], i);
        }
        BY_NAME.put("IOT", 6);
        BY_NAME.put("POLL", 29);
        BY_NAME.put("CLD", 17);
        BY_NAME.put("UNUSED", 31);
        BY_NAME.put("RTMIN", 34);
        for (int i = 1; i <= 15; i++) {
            BY_NAME.put("RTMIN+" + i, 34 + i);
            BY_NAME.put("RTMAX-" + i, 64 - i);
        }
        BY_NAME.put("RTMAX", 64);
    }

    private Signals() {
    }

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    /** The signal number; 400 "Invalid signal: x" for anything else. */
    public static int parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw EngineException.badRequest("Invalid signal: " + raw);
        }
        String s = raw.trim();
        try {
            int n = Integer.parseInt(s);
            if (n <= 0 || n > 64) {
                throw EngineException.badRequest("Invalid signal: " + raw);
            }
            return n;
        } catch (NumberFormatException e) {
            String name = s.toUpperCase(Locale.ROOT);
            if (name.startsWith("SIG")) {
                name = name.substring(3);
            }
            Integer n = BY_NAME.get(name);
            if (n == null) {
                throw EngineException.badRequest("Invalid signal: " + raw);
            }
            return n;
        }
    }
}
