package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The word processing Dockerfile instructions get (moby's shell lexer, the parts commit and import changes use):
 * single and double quotes, backslash escapes, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} and
 * {@code ${VAR:+alternative}} against the environment built so far.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** Splits on unquoted whitespace, keeping quotes and escapes in the words (moby's parseWords). */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped) {
                word.append(c);
                escaped = false;
                continue;
            }
            if (c == '\\' && quote != '\'') {
                word.append(c);
                escaped = true;
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                word.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                word.append(c);
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** One word with quotes removed, escapes applied and variables expanded (whitespace is kept). */
    static String process(String word, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '\'') {
                int end = word.indexOf('\'', i + 1);
                if (end < 0) {
                    throw EngineException.badRequest("unexpected end of statement while looking for matching single-quote");
                }
                out.append(word, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < word.length()) {
                    char d = word.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < word.length() && "\"\\$`".indexOf(word.charAt(i + 1)) >= 0) {
                        out.append(word.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        i = expand(word, i, env, out);
                    } else {
                        out.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw EngineException.badRequest("unexpected end of statement while looking for matching double-quote");
                }
            } else if (c == '\\') {
                if (i + 1 < word.length()) {
                    out.append(word.charAt(i + 1));
                    i += 2;
                } else {
                    i++;
                }
            } else if (c == '$') {
                i = expand(word, i, env, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Expands the variable at {@code word[at] == '$'}; returns the index after it. */
    private static int expand(String word, int at, Map<String, String> env, StringBuilder out) {
        int i = at + 1;
        if (i >= word.length()) {
            out.append('$');
            return i;
        }
        char c = word.charAt(i);
        if (c == '{') {
            int end = word.indexOf('}', i);
            if (end < 0) {
                throw EngineException.badRequest("missing '}' in \"" + word + "\"");
            }
            String expr = word.substring(i + 1, end);
            int op = expr.indexOf(':');
            if (op > 0 && op + 1 < expr.length() && (expr.charAt(op + 1) == '-' || expr.charAt(op + 1) == '+')) {
                String name = expr.substring(0, op);
                String alt = process(expr.substring(op + 2), env);
                String value = env.get(name);
                boolean set = value != null && !value.isEmpty();
                out.append(expr.charAt(op + 1) == '-' ? (set ? value : alt) : (set ? alt : ""));
            } else {
                out.append(env.getOrDefault(expr, ""));
            }
            return end + 1;
        }
        if (Character.isLetterOrDigit(c) || c == '_') {
            int end = i;
            while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
                end++;
            }
            out.append(env.getOrDefault(word.substring(i, end), ""));
            return end;
        }
        out.append('$');
        return i;
    }
}
