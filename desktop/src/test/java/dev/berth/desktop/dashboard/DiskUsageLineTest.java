package dev.berth.desktop.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.volumes.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Disk usage lines add up the way {@code docker system df} does. */
class DiskUsageLineTest {

    @Test
    void imagesCountSharedLayersOnceAndReclaimWhatNoContainerUses() {
        ImageSummary used = image("a", 100, 40, 1);
        ImageSummary unused = image("b", 70, 40, 0);
        DiskUsage df = new DiskUsage(130L, List.of(used, unused), List.of(), List.of(), List.of());
        DiskUsageLine line = DiskUsageLine.images(df);
        assertEquals(new DiskUsageLine("Images", 2, 1, 130, 70), line);
        assertEquals(54, line.reclaimablePercent());
    }

    @Test
    void stoppedContainersAndUnreferencedVolumesAreReclaimable() {
        DiskUsage df = new DiskUsage(0L, List.of(),
                List.of(container("running", 10), container("exited", 5)),
                List.of(volume(100, 1), volume(30, 0), volume(-1, 0)), null);
        assertEquals(new DiskUsageLine("Containers", 2, 1, 15, 5), DiskUsageLine.containers(df));
        assertEquals(new DiskUsageLine("Local volumes", 3, 1, 130, 30), DiskUsageLine.volumes(df));
        assertEquals(new DiskUsageLine("Build cache", 0, 0, 0, 0), DiskUsageLine.buildCache(df));
    }

    @Test
    void buildCacheLeavesSharedRecordsOutAndKeepsThoseInUse() {
        DiskUsage df = new DiskUsage(0L, null, null, null, List.of(
                cache(10, false, false), cache(20, true, false), cache(40, false, true)));
        assertEquals(new DiskUsageLine("Build cache", 3, 1, 30, 10), DiskUsageLine.buildCache(df));
    }

    private static ImageSummary image(String id, long size, long shared, int containers) {
        return new ImageSummary(id, null, List.of(id + ":latest"), List.of(), 0L, size, shared, size, null, containers);
    }

    private static ContainerSummary container(String state, long sizeRw) {
        return new ContainerSummary("c" + state, List.of("/" + state), "img", "sha256:x", "sh", 0L, List.of(), sizeRw,
                null, null, state, "", null, null, List.of(), null);
    }

    private static Volume volume(long size, long refs) {
        return new Volume("v" + size, "local", "/", null, null, null, "local", null, new Volume.UsageData(size, refs));
    }

    private static DiskUsage.BuildCacheRecord cache(long size, boolean inUse, boolean shared) {
        return new DiskUsage.BuildCacheRecord("r" + size, null, null, "regular", "", inUse, shared, size, null, null, 1L);
    }
}
