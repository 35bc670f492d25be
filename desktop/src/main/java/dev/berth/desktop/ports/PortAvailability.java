package dev.berth.desktop.ports;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerSummary;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host port check as a user reads it: free, or taken by whom. A docker-proxy holder is named by the container
 * it publishes, from the engine's port list; and a port a running container publishes counts as taken even when
 * nothing listens on it (an engine without its userland proxy forwards in the kernel, so a bind would succeed).
 *
 * @param holders one line per holder: "nginx (pid 1234)", "container web (docker-proxy, pid 77)"
 * @param where   where each holder listens, parallel to {@code holders}: "0.0.0.0:8080", "" when unknown
 * @param details each holder's command line, parallel to {@code holders}, "" when unknown
 */
public record PortAvailability(HostPortCheck.Status status, String address, int port, String protocol,
                               List<String> holders, List<String> where, List<String> details, String detail) {

    private static final Texts T = Texts.of(PortAvailability.class);

    public boolean taken() {
        return status == HostPortCheck.Status.TAKEN;
    }

    /**
     * Checks on this machine. Blocking: background thread.
     *
     * @param containers the engine's containers (listed with stopped ones or not), or an empty list when the engine
     *                   is not on this machine and its port list says nothing about this machine's ports
     */
    public static PortAvailability check(HostPortCheck check, List<ContainerSummary> containers, String address,
                                         int port, String protocol) {
        String proto = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        InetAddress wanted = HostPortCheck.parseAddress(address);
        String shownAddress = PortRow.hostAddress(address);
        HostPortCheck.Result result = check.check(address, port, proto);
        List<String> holders = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<String> details = new ArrayList<>();
        HostPortCheck.Status status = result.status();
        for (PortHolder h : result.holders()) {
            String container = h.isDockerProxy() ? publisher(containers, HostPortCheck.parseAddress(h.address()),
                    h.port(), proto) : null;
            holders.add(describe(h, container));
            where.add(h.address() + ":" + h.port());
            details.add(h.commandLine());
        }
        if (status == HostPortCheck.Status.FREE) {
            String container = publisher(containers, wanted, port, proto);
            if (container != null) {
                status = HostPortCheck.Status.TAKEN;
                holders.add(T.get("holder.container", container));
                where.add("");
                details.add("");
            }
        }
        return new PortAvailability(status, shownAddress, port, proto, List.copyOf(holders), List.copyOf(where),
                List.copyOf(details), result.detail());
    }

    /** The running container that publishes this host port on an overlapping address, or null. */
    static String publisher(List<ContainerSummary> containers, InetAddress address, int port, String protocol) {
        for (ContainerSummary c : containers) {
            if (c.ports() == null || !"running".equals(c.state())) {
                continue;
            }
            for (ContainerSummary.Port p : c.ports()) {
                if (p.publicPort() != null && p.publicPort() == port
                        && protocol.equals(p.type() == null ? "tcp" : p.type())
                        && HostPortCheck.overlaps(address, HostPortCheck.parseAddress(p.ip()))) {
                    return c.name();
                }
            }
        }
        return null;
    }

    static String describe(PortHolder holder, String container) {
        if (container != null) {
            return T.get("holder.containerProcess", container, holder.command(), Long.toString(holder.pid()));
        }
        if (!holder.known()) {
            return T.get("holder.unseen");
        }
        String name = holder.command().isEmpty() ? T.get("holder.unnamed") : holder.command();
        return T.get("holder.process", name, Long.toString(holder.pid()));
    }

    /** "free", "taken by nginx (pid 1234)", …: one line for an inline status. */
    public String text() {
        return switch (status) {
            case FREE -> T.get("status.free");
            case TAKEN -> holders.isEmpty() ? T.get("status.takenUnseen") : T.get("status.taken", String.join(", ", holders));
            case NO_SUCH_ADDRESS -> T.get("status.noAddress", address);
            case PRIVILEGED -> T.get("status.privileged");
            case UNKNOWN -> T.get("status.unknown", detail);
        };
    }
}
