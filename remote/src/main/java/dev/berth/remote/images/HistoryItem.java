package dev.berth.remote.images;

import java.util.List;

/**
 * One layer of {@code GET /images/{name}/history}, newest first.
 *
 * @param id        image ID of the step, or "&lt;missing&gt;" for steps built elsewhere
 * @param created   seconds since the epoch
 * @param createdBy the instruction that made the layer
 * @param tags      tags pointing at this step
 * @param size      bytes the step added
 */
public record HistoryItem(String id, Long created, String createdBy, List<String> tags, Long size, String comment) {
}
