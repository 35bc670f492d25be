package dev.berth.desktop.ports;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
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
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.PortBinding;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.system.EventMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * Every port binding across the engine's containers, running or not: what is reachable where on the host, which
 * ports answer HTTP, and which bindings collide with another container's or with a program on this machine. Also
 * the panel's "check a host port" tool.
 */
public final class PortsViewModel extends ListPageModel<PortRow.Data, PortRow> {

    private static final Texts T = Texts.of(PortsViewModel.class);
    private static final int PROBE_ATTEMPTS = 3;
    private static final long PROBE_PAUSE_MS = 700;

    private final BackgroundExecutor background;
    private final HostPortCheck hostPorts;
    /** Bindings of containers that are not running, by id: the list leaves them out, and they never change. */
    private final Map<String, List<Binding>> configured = new ConcurrentHashMap<>();

    private record Binding(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    /** Runs after every merge; set once the model exists (a constructor argument cannot refer to it). */
    private static final class AfterMerge implements Consumer<ObservableList<PortRow>> {
        private PortsViewModel model;

        @Override
        public void accept(ObservableList<PortRow> rows) {
            model.probeHttp(rows);
        }
    }

    public PortsViewModel(BackgroundExecutor background, Notifier notifier, HostPortCheck hostPorts) {
        this(background, notifier, hostPorts, new AfterMerge());
    }

    private PortsViewModel(BackgroundExecutor background, Notifier notifier, HostPortCheck hostPorts,
                           AfterMerge afterMerge) {
        super(background, notifier, T.get("list.what"), (rows, data) -> {
            RowMerge.merge(rows, data, PortRow.Data::key, PortRow::key, PortRow::new, PortRow::update);
            afterMerge.accept(rows);
        });
        afterMerge.model = this;
        this.background = background;
        this.hostPorts = hostPorts;
    }

    /** Unix sockets and loopback addresses are this machine; anything else may be anywhere. */
    public static boolean onThisMachine(EngineEndpoint endpoint) {
        if (endpoint.isUnix()) {
            return true;
        }
        String host = endpoint.host();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** Whether the engine shown runs on this machine (its host ports are this machine's). FX thread. */
    public boolean engineLocal() {
        EngineSession session = session();
        return session == null || onThisMachine(session.client().endpoint());
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        return EngineChanges.any(batch, "container");
    }

    @Override
    public void refresh() {
        rows().forEach(r -> r.setProbedFor(null)); // F5 asks every port again whether it speaks HTTP
        super.refresh();
    }

    @Override
    protected List<PortRow.Data> fetch(EngineClient client) {
        boolean local = onThisMachine(client.endpoint());
        List<ContainerSummary> containers = client.containers().list(ListContainersParams.includingStopped());
        List<PortRow.Data> found = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (ContainerSummary c : containers) {
            ids.add(c.id());
            for (Binding b : bindings(client, c)) {
                found.add(new PortRow.Data(c.id(), c.name(), c.state(), b.hostIp(), b.hostPort(), b.containerPort(),
                        b.protocol(), ""));
            }
        }
        configured.keySet().retainAll(ids);
        List<PortRow.Data> data = new ArrayList<>();
        for (PortRow.Data d : found) {
            data.add(new PortRow.Data(d.containerId(), d.containerName(), d.state(), d.hostIp(), d.hostPort(),
                    d.containerPort(), d.protocol(), warning(d, found, containers, local)));
        }
        return data;
    }

    private List<Binding> bindings(EngineClient client, ContainerSummary c) {
        if (isUp(c.state())) {
            List<Binding> listed = new ArrayList<>();
            if (c.ports() != null) {
                for (ContainerSummary.Port p : c.ports()) {
                    if (p.publicPort() != null && p.publicPort() > 0) {
                        listed.add(new Binding(p.ip(), p.publicPort(), p.privatePort(), protocol(p.type())));
                    }
                }
            }
            return listed;
        }
        return configured.computeIfAbsent(c.id(), id -> configuredBindings(client, id));
    }

    /** A container that is not running has no ports in the list; its configuration still says what it wants. */
    private static List<Binding> configuredBindings(EngineClient client, String id) {
        ContainerInspect inspect;
        try {
            inspect = client.containers().inspect(id);
        } catch (EngineApiException.NotFound gone) {
            return List.of();
        }
        List<Binding> wanted = new ArrayList<>();
        if (inspect.hostConfig() == null || inspect.hostConfig().portBindings() == null) {
            return wanted;
        }
        inspect.hostConfig().portBindings().forEach((port, bindings) -> {
            String[] parts = port.split("/", 2);
            int containerPort;
            try {
                containerPort = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                return; // a range or something newer than this client: not a single port to show
            }
            String protocol = protocol(parts.length > 1 ? parts[1] : "tcp");
            for (PortBinding b : bindings == null ? List.<PortBinding>of() : bindings) {
                Integer hostPort = null;
                if (b.hostPort() != null && b.hostPort().matches("\\d{1,5}") && Integer.parseInt(b.hostPort()) > 0) {
                    hostPort = Integer.parseInt(b.hostPort());
                }
                String ip = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
                wanted.add(new Binding(ip, hostPort, containerPort, protocol));
            }
        });
        return wanted;
    }

    /**
     * Another container wanting the same host port, or, for a container that is not running, a program on this
     * machine holding it now: either way the container cannot start with this binding.
     */
    private String warning(PortRow.Data d, List<PortRow.Data> all, List<ContainerSummary> containers, boolean local) {
        if (d.hostPort() == null) {
            return "";
        }
        String host = PortRow.hostAddress(d.hostIp()) + ":" + d.hostPort() + "/" + d.protocol();
        Set<String> rivals = new LinkedHashSet<>();
        for (PortRow.Data other : all) {
            if (!other.containerId().equals(d.containerId()) && d.hostPort().equals(other.hostPort())
                    && d.protocol().equals(other.protocol()) && overlap(d.hostIp(), other.hostIp())) {
                rivals.add(T.get("warning.rival", other.containerName(), other.state()));
            }
        }
        if (!rivals.isEmpty()) {
            return T.get("warning.conflict", host, String.join(", ", rivals));
        }
        if (local && !d.running() && !"paused".equals(d.state())) {
            try {
                PortAvailability now = PortAvailability.check(hostPorts, containers, d.hostIp(), d.hostPort(),
                        d.protocol());
                if (now.taken()) {
                    return T.get("warning.taken", host, now.holders().isEmpty() ? T.get("warning.unseen")
                            : String.join(", ", now.holders()));
                }
            } catch (IllegalArgumentException e) {
                return ""; // an address this client cannot read: nothing to say about it
            }
        }
        return "";
    }

    private static boolean overlap(String a, String b) {
        try {
            return HostPortCheck.overlaps(HostPortCheck.parseAddress(a), HostPortCheck.parseAddress(b))
                    || HostPortCheck.overlaps(HostPortCheck.parseAddress(b), HostPortCheck.parseAddress(a));
        } catch (IllegalArgumentException e) {
            return PortRow.hostAddress(a).equals(PortRow.hostAddress(b));
        }
    }

    private static boolean isUp(String state) {
        return "running".equals(state) || "paused".equals(state) || "restarting".equals(state);
    }

    private static String protocol(String type) {
        return type == null || type.isEmpty() ? "tcp" : type;
    }

    // ---- does it speak HTTP? ------------------------------------------------------------------------------------

    private void probeHttp(ObservableList<PortRow> rows) {
        EngineSession session = session();
        if (session == null) {
            return;
        }
        EngineEndpoint endpoint = session.client().endpoint();
        boolean local = onThisMachine(endpoint);
        for (PortRow row : rows) {
            PortRow.Data d = row.data();
            if (!d.running() || !"tcp".equals(d.protocol()) || d.hostPort() == null) {
                continue;
            }
            String what = d.state() + "|" + d.key();
            if (what.equals(row.probedFor())) {
                continue;
            }
            row.setProbedFor(what);
            Target target = target(d.hostIp(), d.hostPort(), local, endpoint);
            if (target == null) {
                row.setHttp("", "");
                continue;
            }
            background.submit(T.get("job.probe", target.url()), () -> probe(target))
                    .onSuccess(status -> {
                        if (what.equals(row.probedFor())) {
                            row.setHttp(status.isPresent() ? "HTTP " + status.getAsInt() : "",
                                    status.isPresent() ? target.url() : "");
                        }
                    });
        }
    }

    /** Where to send the probe, and the address a browser opens. */
    record Target(String connect, int port, String url) {
    }

    /**
     * Every-address bindings open as localhost on this machine (the engine's host name otherwise); a loopback
     * binding of an engine elsewhere is out of reach from here.
     */
    static Target target(String hostIp, int port, boolean local, EngineEndpoint endpoint) {
        String ip = PortRow.hostAddress(hostIp);
        boolean anyV4 = ip.equals("0.0.0.0");
        boolean anyV6 = ip.equals("[::]");
        if (local) {
            if (anyV4 || anyV6) {
                return new Target(anyV6 ? "::1" : "127.0.0.1", port, "http://localhost:" + port + "/");
            }
            return new Target(strip(ip), port, "http://" + ip + ":" + port + "/");
        }
        if (anyV4 || anyV6) {
            String host = endpoint.host();
            String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return new Target(strip(host), port, "http://" + shown + ":" + port + "/");
        }
        if (ip.startsWith("127.") || ip.equals("[::1]")) {
            return null;
        }
        return new Target(strip(ip), port, "http://" + ip + ":" + port + "/");
    }

    private static String strip(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }

    /** A container that just started may not listen yet (docker-proxy accepts and hangs up): ask a few times. */
    private static OptionalInt probe(Target target) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            OptionalInt status = HttpProbe.status(target.connect(), target.port());
            if (status.isPresent() || attempt == PROBE_ATTEMPTS) {
                return status;
            }
            Thread.sleep(PROBE_PAUSE_MS);
        }
    }

    // ---- check a host port ------------------------------------------------------------------------------------

    /**
     * Whether a port is free on this machine, and who holds it; holders that publish a container are named by it
     * when the engine runs here.
     */
    public Outcome<PortAvailability> checkHostPort(String address, int port, String protocol) {
        EngineSession session = session();
        EngineClient client = session == null ? null : session.client();
        boolean local = client != null && onThisMachine(client.endpoint());
        return Outcome.of(background.submit(T.get("job.check", Integer.toString(port)), () -> PortAvailability.check(
                hostPorts, local ? client.containers().list(ListContainersParams.includingStopped()) : List.of(),
                address, port, protocol)));
    }
}
