package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.MountPoint;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.volumes.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's volumes and which containers mount them (from the containers list, so no size scan is needed). */
public final class VolumesViewModel extends ListPageModel<VolumeRow.Data, VolumeRow> {

    private static final Set<String> CONTAINER_ACTIONS = Set.of("create", "destroy", "rename");

    public VolumesViewModel(BackgroundExecutor background, Notifier notifier) {
        super(background, notifier, "volumes", (rows, data) -> RowMerge.merge(rows, data, d -> d.volume().name(),
                VolumeRow::name, VolumeRow::new, VolumeRow::update));
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        // a container's removal is what frees a volume: "in use by" follows container events too
        return EngineChanges.any(batch, "volume") || EngineChanges.anyAction(batch, "container", CONTAINER_ACTIONS);
    }

    @Override
    protected Object inspect(EngineClient client, VolumeRow row) {
        return client.volumes().inspect(row.name());
    }

    @Override
    protected List<VolumeRow.Data> fetch(EngineClient client) {
        List<Volume> volumes = client.volumes().list().volumes();
        Map<String, List<String>> users = new HashMap<>();
        for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
            if (c.mounts() == null) {
                continue;
            }
            for (MountPoint m : c.mounts()) {
                if ("volume".equals(m.type()) && m.name() != null) {
                    users.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(c.name());
                }
            }
        }
        List<VolumeRow.Data> data = new ArrayList<>();
        for (Volume v : volumes == null ? List.<Volume>of() : volumes) {
            List<String> names = new ArrayList<>(users.getOrDefault(v.name(), List.of()));
            names.sort(null);
            data.add(new VolumeRow.Data(v, names));
        }
        return data;
    }
}
