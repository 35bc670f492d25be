package dev.berth.desktop.networks;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.EngineChanges;
import dev.berth.desktop.resources.ListPageModel;
import dev.berth.desktop.resources.Outcome;
import dev.berth.desktop.resources.RowMerge;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.networks.NetworkPruneReport;
import dev.berth.remote.networks.NetworkSummary;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.system.SystemInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The engine's networks with how many containers each one has, the topology of containers on networks, the
 * containers attached to the selected network, and every network command. The network list leaves out
 * attachments, so they are counted from the containers list instead of inspecting every network; only the selected
 * network is inspected, for its endpoints.
 */
public final class NetworksViewModel extends ListPageModel<NetworkRow.Data, NetworkRow> {

    private static final Texts T = Texts.of(NetworksViewModel.class);
    /** Drivers the create dialog offers, when the engine has them. */
    private static final List<String> DRIVERS = List.of("bridge", "macvlan", "ipvlan", "overlay");

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(Topology.EMPTY);
    private final ObservableList<AttachedContainer> attached = FXCollections.observableArrayList();
    /** The network whose containers {@link #attached} lists; read by the background listing. */
    private volatile String selectedId;

    public NetworksViewModel(BackgroundExecutor background, Notifier notifier) {
        super(background, notifier, "networks", (rows, data) -> RowMerge.merge(rows, data, d -> d.network().id(),
                NetworkRow::id, NetworkRow::new, NetworkRow::update));
        this.background = background;
        this.notifier = notifier;
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        // connects, disconnects, starts and stops change the counts, the map and the attached list
        return EngineChanges.any(batch, "network", "container");
    }

    @Override
    protected Object inspect(EngineClient client, NetworkRow row) {
        return client.networks().inspect(row.id());
    }

    @Override
    protected List<NetworkRow.Data> fetch(EngineClient client) {
        List<NetworkSummary> networks = client.networks().list();
        List<ContainerSummary> containers = client.containers().list(ListContainersParams.includingStopped());
        Map<String, Integer> counts = new HashMap<>();
        for (ContainerSummary c : containers) {
            if (c.networkSettings() == null || c.networkSettings().networks() == null) {
                continue;
            }
            for (Map.Entry<String, EndpointSettings> e : c.networkSettings().networks().entrySet()) {
                String key = e.getValue() != null && e.getValue().networkId() != null && !e.getValue().networkId().isEmpty()
                        ? e.getValue().networkId() : e.getKey();
                counts.merge(key, 1, Integer::sum);
            }
        }
        Topology map = Topology.of(networks, containers);
        String selected = selectedId;
        List<AttachedContainer> endpoints = selected == null ? List.of() : attachedTo(client, selected);
        FxThread.run(() -> {
            // only what changed: a redraw or a new list would lose what the user selected or scrolled to
            if (!map.equals(topology.get())) {
                topology.set(map);
            }
            if (Objects.equals(selected, selectedId) && !attached.equals(endpoints)) {
                attached.setAll(endpoints);
            }
        });
        return networks.stream()
                .map(n -> new NetworkRow.Data(n, counts.getOrDefault(n.id(), counts.getOrDefault(n.name(), 0))))
                .toList();
    }

    /** The containers on one network with their addresses and aliases. Background thread. */
    private static List<AttachedContainer> attachedTo(EngineClient client, String networkId) {
        NetworkSummary network;
        try {
            network = client.networks().inspect(networkId);
        } catch (EngineApiException.NotFound gone) {
            return List.of();
        }
        List<AttachedContainer> list = new ArrayList<>();
        if (network.containers() == null) {
            return list;
        }
        for (Map.Entry<String, NetworkSummary.Endpoint> e : network.containers().entrySet()) {
            NetworkSummary.Endpoint ep = e.getValue();
            List<String> aliases = List.of();
            try {
                ContainerInspect c = client.containers().inspect(e.getKey());
                EndpointSettings settings = c.networkSettings() == null || c.networkSettings().networks() == null
                        ? null : c.networkSettings().networks().get(network.name());
                if (settings != null && settings.aliases() != null) {
                    // before API 1.44 the engine lists the short ID among the aliases itself; show what users gave
                    String shortId = e.getKey().substring(0, Math.min(12, e.getKey().length()));
                    aliases = settings.aliases().stream().filter(a -> !a.equals(shortId)).toList();
                }
            } catch (EngineApiException.NotFound removedMeanwhile) {
                continue;
            }
            list.add(new AttachedContainer(e.getKey(), ep.name(), nonNull(ep.ipv4Address()), nonNull(ep.ipv6Address()),
                    nonNull(ep.macAddress()), aliases));
        }
        list.sort(Comparator.comparing(AttachedContainer::name));
        return list;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Lists the containers of this network (null: none selected) below the table. FX thread. */
    public void select(NetworkRow row) {
        String id = row == null ? null : row.id();
        if (Objects.equals(id, selectedId)) {
            return;
        }
        selectedId = id;
        attached.clear();
        if (id != null) {
            refresh();
        }
    }

    /** The containers attached to the selected network. */
    public ObservableList<AttachedContainer> attached() {
        return attached;
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    /** The network drivers the engine has that a user creates networks with; bridge at least. */
    Outcome<List<String>> drivers() {
        EngineClient client = session().client();
        return Outcome.of(background.submit(T.get("job.drivers"), () -> {
            SystemInfo.Plugins plugins = client.system().info().plugins();
            List<String> offered = plugins == null || plugins.network() == null ? List.of() : plugins.network();
            List<String> drivers = new ArrayList<>(DRIVERS.stream().filter(offered::contains).toList());
            if (!drivers.contains("bridge")) {
                drivers.add(0, "bridge");
            }
            return drivers;
        }));
    }

    Outcome<String> create(NetworkForm form) {
        EngineClient client = session().client();
        String name = form.name().strip();
        Outcome<String> outcome = Outcome.of(background.submit(T.get("job.create", name), () -> {
            var response = client.networks().create(form.request());
            return response.warning() == null ? "" : response.warning();
        }));
        outcome.onSuccess(warning -> notifier.info(warning.isBlank() ? T.get("notice.created", name)
                : T.get("notice.createdWithWarning", name, warning)));
        return outcome;
    }

    Outcome<Void> remove(NetworkRow row) {
        EngineClient client = session().client();
        String name = row.name();
        Outcome<Void> outcome = Outcome.of(background.submit(T.get("job.remove", name), () -> {
            client.networks().remove(row.id());
            return null;
        }));
        outcome.onSuccess(v -> notifier.info(T.get("notice.removed", name)));
        return outcome;
    }

    Outcome<NetworkPruneReport> prune() {
        EngineClient client = session().client();
        Outcome<NetworkPruneReport> outcome = Outcome.of(background.submit(T.get("job.prune"),
                () -> client.networks().prune(null)));
        outcome.onSuccess(report -> {
            List<String> gone = report.networksDeleted() == null ? List.of() : report.networksDeleted();
            notifier.info(gone.isEmpty() ? T.get("notice.prunedNone")
                    : T.get("notice.pruned", gone.size(), String.join(", ", gone)));
        });
        return outcome;
    }

    /** Containers that could join {@code row}: every container not on it yet, by name. */
    Outcome<List<String>> candidates(NetworkRow row) {
        EngineClient client = session().client();
        String id = row.id();
        return Outcome.of(background.submit(T.get("job.candidates"), () -> {
            List<String> names = new ArrayList<>();
            for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
                Map<String, EndpointSettings> on = c.networkSettings() == null ? null : c.networkSettings().networks();
                boolean already = on != null && on.values().stream().anyMatch(ep -> ep != null && id.equals(ep.networkId()));
                if (!already) {
                    names.add(c.name());
                }
            }
            names.sort(null);
            return names;
        }));
    }

    /**
     * Connects a container, with aliases and optionally a fixed IPv4 address.
     *
     * @param ipv4 blank to let the engine choose
     */
    Outcome<Void> connect(NetworkRow row, String container, List<String> aliases, String ipv4) {
        EngineClient client = session().client();
        String network = row.name();
        EndpointSettings endpoint = ipv4 == null || ipv4.isBlank() ? EndpointSettings.withAliases(aliases)
                : EndpointSettings.withAddress(ipv4.strip(), null, aliases);
        Outcome<Void> outcome = Outcome.of(background.submit(T.get("job.connect", container, network), () -> {
            client.networks().connect(row.id(), container, endpoint);
            return null;
        }));
        outcome.onSuccess(v -> notifier.info(T.get("notice.connected", container, network)));
        return outcome;
    }

    Outcome<Void> disconnect(NetworkRow row, AttachedContainer container, boolean force) {
        EngineClient client = session().client();
        String network = row.name();
        Outcome<Void> outcome = Outcome.of(background.submit(T.get("job.disconnect", container.name(), network), () -> {
            client.networks().disconnect(row.id(), container.id(), force);
            return null;
        }));
        outcome.onSuccess(v -> notifier.info(T.get("notice.disconnected", container.name(), network)));
        return outcome;
    }
}
