package dev.berth.desktop.logs;

/** Case-insensitive plain-text search, shared by the match list and the cells that highlight matches. */
final class LogSearch {

    private LogSearch() {
    }

    /** Index of the first occurrence of {@code query} in {@code text} at or after {@code from}, or -1. */
    static int indexOf(String text, String query, int from) {
        int last = text.length() - query.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (text.regionMatches(true, i, query, 0, query.length())) {
                return i;
            }
        }
        return -1;
    }

    static boolean contains(String text, String query) {
        return !query.isEmpty() && indexOf(text, query, 0) >= 0;
    }
}
