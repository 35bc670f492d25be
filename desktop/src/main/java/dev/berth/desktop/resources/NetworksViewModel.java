package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.networks.NetworkSummary;
import dev.berth.remote.system.EventMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's networks with how many containers each one has. The network list leaves out attachments, so they
 * are counted from the containers list instead of inspecting every network.
 */
public final class NetworksViewModel extends ListPageModel<NetworkRow.Data, NetworkRow> {

    public NetworksViewModel(BackgroundExecutor background, Notifier notifier) {
        super(background, notifier, "networks", (rows, data) -> RowMerge.merge(rows, data, d -> d.network().id(),
                NetworkRow::id, NetworkRow::new, NetworkRow::update));
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        return EngineChanges.any(batch, "network");
    }

    @Override
    protected Object inspect(EngineClient client, NetworkRow row) {
        return client.networks().inspect(row.id());
    }

    @Override
    protected List<NetworkRow.Data> fetch(EngineClient client) {
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
