package dev.berth.engine;

import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.system.Inventory;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.remote.system.DiskUsage;
import java.util.List;
import java.util.Map;

/** /info's counts and /system/df, gathered from the services that own each kind of object. */
final class EngineInventory implements Inventory {

    private final ContainerService containers;
    private final ImageService images;
    private final VolumeService volumes;

    EngineInventory(ContainerService containers, ImageService images, VolumeService volumes) {
        this.containers = containers;
        this.images = images;
        this.volumes = volumes;
    }

    @Override
    public ContainerCounts containers() {
        int[] c = containers.counts();
        return new ContainerCounts(c[0], c[1], c[2], c[3]);
    }

    @Override
    public int images() {
        return images.count();
    }

    @Override
    public DiskUsage diskUsage() {
        return new DiskUsage(images.layersSize(), images.diskUsage(), containers.list(true, -1, true, Map.of()),
                volumes.diskUsage(), List.of());
    }
}
