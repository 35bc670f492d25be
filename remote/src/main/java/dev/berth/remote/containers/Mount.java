package dev.berth.remote.containers;

import java.util.List;
import java.util.Map;

/**
 * A mount requested at create time ({@code HostConfig.Mounts}, what {@code docker run --mount} sends). Build one with
 * {@link #bind}, {@link #volume} or {@link #tmpfs}, then {@link #asReadOnly()} if needed.
 *
 * @param type "bind", "volume", "tmpfs", "image", "npipe" or "cluster"
 * @param source host path for binds, volume name for volumes (empty for an anonymous volume), nothing for tmpfs
 */
public record Mount(
        String target,
        String source,
        String type,
        Boolean readOnly,
        String consistency,
        BindOptions bindOptions,
        VolumeOptions volumeOptions,
        TmpfsOptions tmpfsOptions) {

    public static Mount bind(String hostPath, String target) {
        return new Mount(target, hostPath, "bind", null, null, null, null, null);
    }

    public static Mount volume(String name, String target) {
        return new Mount(target, name, "volume", null, null, null, null, null);
    }

    /** A tmpfs of at most {@code sizeBytes} (null: the kernel's default, half of RAM). */
    public static Mount tmpfs(String target, Long sizeBytes) {
        return new Mount(target, null, "tmpfs", null, null, null, null,
                sizeBytes == null ? null : new TmpfsOptions(sizeBytes, null, null));
    }

    public Mount asReadOnly() {
        return new Mount(target, source, type, true, consistency, bindOptions, volumeOptions, tmpfsOptions);
    }

    public Mount withVolumeOptions(VolumeOptions options) {
        return new Mount(target, source, type, readOnly, consistency, bindOptions, options, tmpfsOptions);
    }

    public Mount withBindOptions(BindOptions options) {
        return new Mount(target, source, type, readOnly, consistency, options, volumeOptions, tmpfsOptions);
    }

    /** @param propagation "private", "rprivate", "shared", "rshared", "slave" or "rslave" */
    public record BindOptions(String propagation, Boolean nonRecursive, Boolean createMountpoint,
                              Boolean readOnlyNonRecursive, Boolean readOnlyForceRecursive) {
    }

    /** @param noCopy do not populate a new volume with the image's content at the target */
    public record VolumeOptions(Boolean noCopy, Map<String, String> labels, DriverConfig driverConfig, String subpath) {
    }

    public record DriverConfig(String name, Map<String, String> options) {
    }

    /**
     * @param mode    permission bits of the tmpfs root, e.g. 01777 (decimal on the wire)
     * @param options extra mount options as pairs, e.g. [["exec"]] (API 1.46+)
     */
    public record TmpfsOptions(Long sizeBytes, Integer mode, List<List<String>> options) {
    }
}
