package dev.berth.remote.images;

import java.util.List;

/** {@code POST /images/prune}: what went, and how many bytes that freed. */
public record ImagePruneReport(List<DeleteItem> imagesDeleted, Long spaceReclaimed) {
}
