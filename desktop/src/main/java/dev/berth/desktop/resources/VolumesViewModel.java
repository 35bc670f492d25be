package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.MountPoint;
import dev.berth.remote.volumes.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The engine's volumes and which containers mount them (from the containers list, so no size scan is needed). */
public final class VolumesViewModel implements PageModel {

    private final ObservableList<VolumeRow> rows = FXCollections.observableArrayList();
    private final CoalescingLoader<List<VolumeRow.Data>> loader;
    private Runnable unsubscribe = () -> { };
    private EngineSession shown;

    public VolumesViewModel(BackgroundExecutor background, Notifier notifier) {
        this.loader = new CoalescingLoader<>(background, "List volumes",
                data -> RowMerge.merge(rows, data, d -> d.volume().name(), VolumeRow::name, VolumeRow::new, VolumeRow::update),
                e -> notifier.error("Listing volumes", e));
    }

    public ObservableList<VolumeRow> rows() {
        return rows;
    }

    @Override
    public void show(EngineSession session) {
        unsubscribe.run();
        if (shown != session) {
            rows.clear();
        }
        shown = session;
        EngineClient client = session.client();
        unsubscribe = session.events().subscribe(batch -> {
            // a container's removal is what frees a volume: "in use by" follows container events too
            if (EngineChanges.any(batch, "volume")
                    || EngineChanges.anyAction(batch, "container", java.util.Set.of("create", "destroy", "rename"))) {
                loader.reload();
            }
        });
        loader.load(() -> fetch(client));
    }

    @Override
    public void hide() {
        unsubscribe.run();
        unsubscribe = () -> { };
        loader.stop();
    }

    static List<VolumeRow.Data> fetch(EngineClient client) {
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
