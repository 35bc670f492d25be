package dev.berth.desktop.terminal;

import dev.berth.desktop.i18n.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits what the user typed in the shell box ("sh", "bash", "python3 -q", "su - app") into the argument vector the
 * engine runs, honouring single and double quotes the way a shell would, without needing a shell in the container.
 */
final class ShellCommand {

    private static final Texts T = Texts.of(ShellCommand.class);

    private ShellCommand() {
    }

    /** The arguments; empty when the text holds nothing but blanks. */
    static List<String> parse(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        String s = text == null ? "" : text;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    current.append(s.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                current.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            // shown to the user, after "Cannot run that:"
            throw new IllegalArgumentException(T.get("terminal.command.unclosedQuote", String.valueOf(quote)));
        }
        if (inWord) {
            args.add(current.toString());
        }
        return args;
    }
}
