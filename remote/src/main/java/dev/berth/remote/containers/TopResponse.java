package dev.berth.remote.containers;

import java.util.List;

/** {@code ps} output of a running container: column titles and one row of values per process. */
public record TopResponse(List<String> titles, List<List<String>> processes) {

    /** The column of the given title ("PID", "CMD", …) for every process, or an empty list if there is none. */
    public List<String> column(String title) {
        int i = titles == null ? -1 : titles.indexOf(title);
        if (i < 0 || processes == null) {
            return List.of();
        }
        return processes.stream().map(p -> i < p.size() ? p.get(i) : "").toList();
    }
}
