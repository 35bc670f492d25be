package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.io.ByteArrayOutputStream;

/**
 * The key sequence that detaches a client from a container's stdin without stopping it: ctrl-p,ctrl-q unless
 * the client names another ("ctrl-x,x", "a,b"). {@link Matcher} holds back bytes that may start the sequence and
 * lets them through when the sequence breaks, as Docker's escape proxy does.
 */
final class DetachKeys {

    static final String DEFAULT = "ctrl-p,ctrl-q";

    private DetachKeys() {
    }

    static byte[] parse(String spec) {
        String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : s.split(",")) {
            if (key.length() == 1) {
                out.write(key.charAt(0));
                continue;
            }
            if (!key.startsWith("ctrl-") || key.length() != 6) {
                throw EngineException.badRequest("Invalid detach keys (" + spec + ") provided");
            }
            char c = key.charAt(5);
            int code;
            if (c >= 'a' && c <= 'z') {
                code = c - 'a' + 1;
            } else {
                code = switch (c) {
                    case '@' -> 0;
                    case '[' -> 27;
                    case '\\' -> 28;
                    case ']' -> 29;
                    case '^' -> 30;
                    case '_' -> 31;
                    default -> throw EngineException.badRequest("Invalid detach keys (" + spec + ") provided");
                };
            }
            out.write(code);
        }
        return out.toByteArray();
    }

    /** Scans input for the sequence. */
    static final class Matcher {
        private final byte[] keys;
        private int matched;

        Matcher(byte[] keys) {
            this.keys = keys;
        }

        /**
         * Filters {@code length} bytes of input into {@code pass} (what goes to the container); returns true when
         * the sequence completed (the rest of the input is dropped).
         */
        boolean feed(byte[] data, int offset, int length, ByteArrayOutputStream pass) {
            for (int i = offset; i < offset + length; i++) {
                byte b = data[i];
                if (keys.length > 0 && b == keys[matched]) {
                    matched++;
                    if (matched == keys.length) {
                        return true;
                    }
                    continue;
                }
                if (matched > 0) {
                    pass.write(keys, 0, matched);
                    matched = 0;
                    if (b == keys[0]) {
                        matched = 1;
                        continue;
                    }
                }
                pass.write(b);
            }
            return false;
        }
    }
}
