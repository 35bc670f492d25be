package dev.berth.engine.volumes;

import java.util.List;

/** Who uses a volume: the containers (running or not) that mount it. Implemented by the containers service. */
public interface VolumeUsers {

    /** Full IDs of the containers that reference {@code volumeName}, in any state; empty when none. */
    List<String> containersUsing(String volumeName);
}
