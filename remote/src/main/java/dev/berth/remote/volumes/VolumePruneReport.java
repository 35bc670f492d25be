package dev.berth.remote.volumes;

import java.util.List;

/** {@code POST /volumes/prune}: the names of the volumes removed, and how many bytes that freed. */
public record VolumePruneReport(List<String> volumesDeleted, Long spaceReclaimed) {
}
