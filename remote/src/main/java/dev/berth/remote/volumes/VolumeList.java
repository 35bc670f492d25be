package dev.berth.remote.volumes;

import java.util.List;

/** {@code GET /volumes}: the volumes, and warnings about drivers that could not be asked. */
public record VolumeList(List<Volume> volumes, List<String> warnings) {
}
