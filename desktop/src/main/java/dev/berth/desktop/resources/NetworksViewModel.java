package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.networks.NetworkSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The engine's networks with how many containers each one has. The network list leaves out attachments, so they
 * are counted from the containers list instead of inspecting every network.
 */
public final class NetworksViewModel implements PageModel {

    private final ObservableList<NetworkRow> rows = FXCollections.observableArrayList();
    private final CoalescingLoader<List<NetworkRow.Data>> loader;
    private Runnable unsubscribe = () -> { };
    private EngineSession shown;

    public NetworksViewModel(BackgroundExecutor background, Notifier notifier) {
        this.loader = new CoalescingLoader<>(background, "List networks",
                data -> RowMerge.merge(rows, data, d -> d.network().id(), NetworkRow::id, NetworkRow::new, NetworkRow::update),
                e -> notifier.error("Listing networks", e));
    }

    public ObservableList<NetworkRow> rows() {
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
            if (EngineChanges.any(batch, "network")) {
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

    static List<NetworkRow.Data> fetch(EngineClient client) {
        List<NetworkSummary> networks = client.networks().list();
        Map<String, Integer> attached = new HashMap<>();
        for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
            if (c.networkSettings() == null || c.networkSettings().networks() == null) {
                continue;
            }
            for (Map.Entry<String, EndpointSettings> e : c.networkSettings().networks().entrySet()) {
                String key = e.getValue() != null && e.getValue().networkId() != null && !e.getValue().networkId().isEmpty()
                        ? e.getValue().networkId() : e.getKey();
                attached.merge(key, 1, Integer::sum);
            }
        }
        return networks.stream()
                .map(n -> new NetworkRow.Data(n, attached.getOrDefault(n.id(), attached.getOrDefault(n.name(), 0))))
                .toList();
    }
}
