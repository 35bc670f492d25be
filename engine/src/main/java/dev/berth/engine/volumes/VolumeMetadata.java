package dev.berth.engine.volumes;

import java.util.Map;

/**
 * What the engine remembers about a volume besides its data: kept as {@code volumes/<name>/volume.json}, next to
 * {@code _data}, so a volume's directory is the whole volume.
 *
 * @param createdAt RFC 3339 in the host's time zone, as Docker shows it
 * @param labels    null when there are none (Docker shows {@code "Labels": null})
 * @param options   the local driver's mount options (type, device, o, size); null when none
 */
record VolumeMetadata(String name, String driver, String createdAt, Map<String, String> labels,
        Map<String, String> options) {

    /** Whether the local driver mounts something on {@code _data} for this volume (tmpfs, nfs, a bind …). */
    boolean needsMount() {
        return options != null && (!options.getOrDefault("type", "").isEmpty()
                || !options.getOrDefault("device", "").isEmpty());
    }
}
