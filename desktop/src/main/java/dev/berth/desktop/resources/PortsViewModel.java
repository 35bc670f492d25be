package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every published port across the engine's containers: what is listening where on the host. */
public final class PortsViewModel implements PageModel {

    private final ObservableList<PortRow> rows = FXCollections.observableArrayList();
    private final CoalescingLoader<List<PortRow.Data>> loader;
    private Runnable unsubscribe = () -> { };
    private EngineSession shown;

    public PortsViewModel(BackgroundExecutor background, Notifier notifier) {
        this.loader = new CoalescingLoader<>(background, "List published ports",
                data -> RowMerge.merge(rows, data, PortRow.Data::key, PortRow::key, PortRow::new, PortRow::update),
                e -> notifier.error("Listing ports", e));
    }

    public ObservableList<PortRow> rows() {
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
            if (EngineChanges.any(batch, "container")) {
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

    static List<PortRow.Data> fetch(EngineClient client) {
        List<PortRow.Data> data = new ArrayList<>();
        for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
            if (c.ports() == null) {
                continue;
            }
            for (ContainerSummary.Port p : c.ports()) {
                if (p.publicPort() != null && p.publicPort() > 0) {
                    data.add(new PortRow.Data(c, p));
                }
            }
        }
        return data;
    }
}
