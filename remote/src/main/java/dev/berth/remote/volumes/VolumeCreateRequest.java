package dev.berth.remote.volumes;

import java.util.Map;

/**
 * {@code POST /volumes/create}.
 *
 * @param name       the name, or {@code null} for a generated (anonymous) one
 * @param driver     "local" when {@code null}
 * @param driverOpts e.g. {@code type=tmpfs, device=tmpfs, o=size=100m} for the local driver
 */
public record VolumeCreateRequest(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {

    public static VolumeCreateRequest named(String name) {
        return new VolumeCreateRequest(name, null, null, null);
    }

    public VolumeCreateRequest withDriver(String newDriver, Map<String, String> newDriverOpts) {
        return new VolumeCreateRequest(name, newDriver, newDriverOpts, labels);
    }

    public VolumeCreateRequest withLabels(Map<String, String> newLabels) {
        return new VolumeCreateRequest(name, driver, driverOpts, newLabels);
    }
}
