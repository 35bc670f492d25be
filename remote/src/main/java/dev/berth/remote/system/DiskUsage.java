package dev.berth.remote.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.volumes.Volume;
import java.util.List;

/**
 * {@code GET /system/df}: what takes space. Images carry {@code SharedSize} and {@code Containers} counts here
 * (they are -1 in an ordinary image list), containers their {@code SizeRw} and {@code SizeRootFs}, volumes
 * {@code UsageData}.
 *
 * @param layersSize total size of all image layers, shared ones counted once
 */
public record DiskUsage(
        Long layersSize,
        List<ImageSummary> images,
        List<ContainerSummary> containers,
        List<Volume> volumes,
        List<BuildCacheRecord> buildCache) {

    /** One BuildKit cache record. */
    public record BuildCacheRecord(
            @JsonProperty("ID") String id,
            String parent,
            List<String> parents,
            String type,
            String description,
            Boolean inUse,
            Boolean shared,
            Long size,
            String createdAt,
            String lastUsedAt,
            Long usageCount) {
    }
}
