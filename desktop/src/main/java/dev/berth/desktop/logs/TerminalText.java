package dev.berth.desktop.logs;

/**
 * What a line written to a terminal looks like once shown: a TTY container's progress bars rewrite their line with
 * "\r", erase it with "ESC[K" and colour it with "ESC[…m". A log view is not a terminal, so the line is reduced to the
 * text a terminal would finally show, with the escape sequences dropped rather than printed as garbage.
 */
final class TerminalText {

    private static final char ESC = '\u001b';

    private TerminalText() {
    }

    static String clean(String line) {
        if (!needsCleaning(line)) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int column = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r') {
                column = 0;
            } else if (c == '\b') {
                column = Math.max(0, column - 1);
            } else if (c == ESC) {
                int[] state = {column};
                i = escape(line, i, out, state);
                column = state[0];
            } else if (c >= ' ' || c == '\t') {
                if (column < out.length()) {
                    out.setCharAt(column, c);
                } else {
                    while (out.length() < column) {
                        out.append(' ');
                    }
                    out.append(c);
                }
                column++;
            }
        }
        return out.toString();
    }

    private static boolean needsCleaning(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < ' ' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /** Applies or skips the escape sequence starting at {@code start}; returns the index of its last character. */
    private static int escape(String line, int start, StringBuilder out, int[] column) {
        int i = start + 1;
        if (i >= line.length()) {
            return start;
        }
        char kind = line.charAt(i);
        if (kind == '[') {
            int paramsStart = i + 1;
            int j = paramsStart;
            while (j < line.length() && (line.charAt(j) < '@' || line.charAt(j) > '~')) {
                j++;
            }
            if (j >= line.length()) {
                return line.length() - 1;
            }
            if (line.charAt(j) == 'K') {
                eraseInLine(line.substring(paramsStart, j), out, column[0]);
            }
            return j;
        }
        if (kind == ']') {
            // operating system command (window title …): ends with BEL or ESC \
            int j = i + 1;
            while (j < line.length() && line.charAt(j) != '\u0007'
                    && !(line.charAt(j) == ESC && j + 1 < line.length() && line.charAt(j + 1) == '\\')) {
                j++;
            }
            return j < line.length() && line.charAt(j) == ESC ? j + 1 : Math.min(j, line.length() - 1);
        }
        return i;
    }

    private static void eraseInLine(String param, StringBuilder out, int column) {
        switch (param) {
            case "", "0" -> out.setLength(Math.min(column, out.length()));
            case "1" -> {
                for (int k = 0; k < Math.min(column + 1, out.length()); k++) {
                    out.setCharAt(k, ' ');
                }
            }
            case "2" -> out.setLength(0);
            default -> { }
        }
    }
}
