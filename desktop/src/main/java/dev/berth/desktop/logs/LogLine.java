package dev.berth.desktop.logs;

/**
 * One line a container wrote.
 *
 * @param timestamp the engine's RFC 3339 time of the line, or null when the engine sent none
 * @param text      the line without its line ending, terminal control sequences applied
 */
public record LogLine(Source source, String timestamp, String text) {

    public enum Source { STDOUT, STDERR }

    /** The line as the user sees, copies and saves it. */
    public String render(boolean withTimestamp) {
        return withTimestamp && timestamp != null ? timestamp + " " + text : text;
    }
}
