package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Docker's rules for local volume names, and the random names of anonymous volumes. */
final class VolumeNames {

    /** Docker's RestrictedNameChars; the name becomes a directory, so nothing may lead out of the volumes dir. */
    static final String ALLOWED = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
    private static final Pattern VALID = Pattern.compile(ALLOWED + "+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VolumeNames() {
    }

    /** Docker's messages, prefixed like its OpErr: {@code create NAME: …}. */
    static void check(String name) {
        if (name.length() == 1) {
            throw EngineException.badRequest("create " + name
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!VALID.matcher(name).matches()) {
            throw EngineException.badRequest("create " + name + ": " + goQuote(name)
                    + " includes invalid characters for a local volume name, only \"" + ALLOWED
                    + "\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    /** Go's %q, for the few characters a refused name can bring (quotes, backslashes, control characters). */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Whether {@code name} could name a volume; directory entries that cannot are not volumes. */
    static boolean isValid(String name) {
        return name.length() > 1 && VALID.matcher(name).matches();
    }

    /** 64 hex characters, as Docker's stringid.GenerateRandomID (never all digits, so it is never a number). */
    static String random() {
        while (true) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }
}
