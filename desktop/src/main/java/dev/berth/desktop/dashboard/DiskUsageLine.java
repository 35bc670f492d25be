package dev.berth.desktop.dashboard;

import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.volumes.Volume;
import java.util.List;

/**
 * One line of {@code docker system df}: how many objects of a kind, how many are in use, their size and what removing
 * the unused ones would free. Computed the way the docker CLI computes it, so both tools agree.
 */
public record DiskUsageLine(String type, int total, int active, long size, long reclaimable) {

    public static List<DiskUsageLine> of(DiskUsage df) {
        return List.of(images(df), containers(df), volumes(df), buildCache(df));
    }

    /** Layers shared by images count once; what is in use is each used image's own share. */
    static DiskUsageLine images(DiskUsage df) {
        List<ImageSummary> images = orEmpty(df.images());
        long total = df.layersSize() == null ? 0 : df.layersSize();
        long used = 0;
        int active = 0;
        for (ImageSummary i : images) {
            if (i.containers() != null && i.containers() > 0) {
                active++;
                long size = i.size() == null ? -1 : i.size();
                long shared = i.sharedSize() == null ? -1 : i.sharedSize();
                if (size >= 0 && shared >= 0) {
                    used += size - shared;
                }
            }
        }
        return new DiskUsageLine("Images", images.size(), active, total, Math.max(0, total - used));
    }

    static DiskUsageLine containers(DiskUsage df) {
        List<ContainerSummary> containers = orEmpty(df.containers());
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (ContainerSummary c : containers) {
            long rw = c.sizeRw() == null ? 0 : c.sizeRw();
            size += rw;
            if ("running".equals(c.state()) || "paused".equals(c.state()) || "restarting".equals(c.state())) {
                active++;
            } else {
                reclaimable += rw;
            }
        }
        return new DiskUsageLine("Containers", containers.size(), active, size, reclaimable);
    }

    static DiskUsageLine volumes(DiskUsage df) {
        List<Volume> volumes = orEmpty(df.volumes());
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (Volume v : volumes) {
            Volume.UsageData u = v.usageData();
            long bytes = u == null || u.size() == null || u.size() < 0 ? 0 : u.size();
            size += bytes;
            if (u != null && u.refCount() != null && u.refCount() > 0) {
                active++;
            } else {
                reclaimable += bytes;
            }
        }
        return new DiskUsageLine("Local volumes", volumes.size(), active, size, reclaimable);
    }

    static DiskUsageLine buildCache(DiskUsage df) {
        List<DiskUsage.BuildCacheRecord> records = orEmpty(df.buildCache());
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (DiskUsage.BuildCacheRecord r : records) {
            boolean shared = Boolean.TRUE.equals(r.shared());
            boolean inUse = Boolean.TRUE.equals(r.inUse());
            long bytes = r.size() == null ? 0 : r.size();
            if (inUse) {
                active++;
            }
            if (!shared) {
                size += bytes;
                if (!inUse) {
                    reclaimable += bytes;
                }
            }
        }
        return new DiskUsageLine("Build cache", records.size(), active, size, reclaimable);
    }

    /** Share of the size that could be freed, 0..100. */
    public int reclaimablePercent() {
        return size <= 0 ? 0 : (int) Math.round(100.0 * reclaimable / size);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
