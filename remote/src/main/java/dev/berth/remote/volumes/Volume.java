package dev.berth.remote.volumes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A volume as list, inspect, create and {@code /system/df} describe it.
 *
 * @param mountpoint where the data lives on the engine's host (under its data root for the local driver)
 * @param createdAt  RFC 3339
 * @param status     driver-specific details, often absent
 * @param scope      "local" or "global"
 * @param options    the driver options it was created with
 * @param usageData  only in {@code /system/df}
 */
// Docker's field order and its nulls: `docker volume inspect` prints the engine's raw JSON.
@JsonPropertyOrder(alphabetic = true)
public record Volume(
        String name,
        String driver,
        String mountpoint,
        String createdAt,
        Map<String, Object> status,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> labels,
        String scope,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> options,
        UsageData usageData) {

    /**
     * Disk use and references, computed by {@code /system/df}.
     *
     * @param size     bytes, or -1 when the driver cannot tell
     * @param refCount containers referencing the volume, or -1 when not computed
     */
    public record UsageData(Long size, Long refCount) {
    }
}
