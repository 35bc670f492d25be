package dev.berth.remote.containers;

import java.util.List;

/** What {@code POST /containers/prune} removed and how many bytes that freed. */
public record PruneReport(List<String> containersDeleted, Long spaceReclaimed) {
}
