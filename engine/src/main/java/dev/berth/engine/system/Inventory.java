package dev.berth.engine.system;

import dev.berth.remote.system.DiskUsage;

/** What /info and /system/df report about the engine's objects; the composition root wires the services in. */
public interface Inventory {

    record ContainerCounts(int total, int running, int paused, int stopped) {
    }

    ContainerCounts containers();

    int images();

    DiskUsage diskUsage();
}
