package dev.berth.remote.images;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json} (and of {@code /system/df}).
 *
 * @param created     seconds since the epoch
 * @param sharedSize  bytes shared with other images; -1 unless computed ({@code /system/df})
 * @param virtualSize same as {@code size} on current engines; gone from API 1.44
 * @param containers  containers using the image; -1 unless computed ({@code /system/df})
 */
public record ImageSummary(
        String id,
        String parentId,
        List<String> repoTags,
        List<String> repoDigests,
        Long created,
        Long size,
        Long sharedSize,
        Long virtualSize,
        Map<String, String> labels,
        Integer containers) {

    /** Whether the image has no tag (a "dangling" or {@code <none>:<none>} image). */
    public boolean isDangling() {
        return repoTags == null || repoTags.isEmpty() || repoTags.equals(List.of("<none>:<none>"));
    }
}
