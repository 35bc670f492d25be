package dev.berth.desktop.run;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Job;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.ports.HostPortCheck;
import dev.berth.desktop.ports.PortAvailability;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "could the engine publish on this host port?" for each port row, with the Ports page's host port check:
 * free, or taken and by whom ("nginx (pid 1234)", "container web"). Only for an engine on this machine: another
 * machine's ports cannot be seen from here. A taken port is the row's problem until the row changes, which keeps
 * Next and Run disabled.
 */
public final class PortProbe {

    private static final Texts T = Texts.of(PortProbe.class);

    public enum Verdict { CHECKING, FREE, TAKEN, NO_ADDRESS, UNKNOWN }

    /**
     * @param key     what was checked ({@link PortMappingRow#probeKey()}): a result for another key is stale
     * @param problem the row's problem while this result holds, "" when it does not block
     */
    public record Result(Verdict verdict, String text, String key, String problem) {
    }

    private final EngineClient client;
    private final BackgroundExecutor background;
    private final boolean engineLocal;
    private final HostPortCheck hostPorts;

    PortProbe(EngineClient client, BackgroundExecutor background, boolean engineLocal, HostPortCheck hostPorts) {
        this.client = client;
        this.background = background;
        this.engineLocal = engineLocal;
        this.hostPorts = hostPorts;
    }

    /**
     * Checks the rows whose host port changed since their last check; FX thread.
     *
     * @return the checks started, for the caller to cancel when the wizard closes
     */
    List<Job<?>> check(List<PortMappingRow> rows) {
        List<Job<?>> started = new ArrayList<>();
        for (PortMappingRow row : rows) {
            if (!checkable(row)) {
                row.setAvailability(null);
                continue;
            }
            String key = row.probeKey();
            PortProbe.Result known = row.availabilityProperty().get();
            if (known != null && known.key().equals(key)) {
                continue; // checked already, or being checked: every answer would trigger another check otherwise
            }
            if (!engineLocal) {
                row.setAvailability(new Result(Verdict.UNKNOWN, T.get("ports.status.remote"), key, ""));
                continue;
            }
            String ip = row.hostIp();
            int port = Integer.parseInt(row.hostPort());
            String protocol = row.protocol().wire();
            row.setAvailability(new Result(Verdict.CHECKING, T.get("ports.status.checking"), key, ""));
            started.add(background.submit(T.get("ports.job.check", Integer.toString(port)), () -> {
                List<ContainerSummary> containers = client.containers().list(true, null, false, null);
                return verdict(PortAvailability.check(hostPorts, containers, ip, port, protocol), key);
            }).onSuccess(result -> {
                if (row.probeKey().equals(key)) {
                    row.setAvailability(result);
                }
            }).onFailure(e -> {
                if (row.probeKey().equals(key)) {
                    row.setAvailability(new Result(Verdict.UNKNOWN, T.get("ports.status.failed",
                            Notifier.userMessage(e)), key, ""));
                }
            }));
        }
        return started;
    }

    /** A fixed host port on an address this machine could have: the only rows worth asking about. */
    private static boolean checkable(PortMappingRow row) {
        if (row.isBlank() || row.randomHostPort() || RunWizardModel.portNumber(row.hostPort()) < 0) {
            return false;
        }
        try {
            HostPortCheck.parseAddress(row.hostIp());
            return true;
        } catch (IllegalArgumentException e) {
            return false; // the row says what is wrong with the address
        }
    }

    /** The wizard's reading of a check: what the status column says, and whether it blocks the run. */
    static Result verdict(PortAvailability a, String key) {
        String where = a.address() + ":" + a.port() + "/" + a.protocol();
        return switch (a.status()) {
            case FREE -> new Result(Verdict.FREE, T.get("ports.status.free"), key, "");
            case TAKEN -> {
                String holders = a.holders().isEmpty() ? T.get("ports.holder.unseen") : String.join(", ", a.holders());
                yield new Result(Verdict.TAKEN, T.get("ports.status.taken", holders), key,
                        T.get("ports.problem.taken", where, holders));
            }
            case NO_SUCH_ADDRESS -> new Result(Verdict.NO_ADDRESS, T.get("ports.status.noAddress", a.address()), key,
                    T.get("ports.problem.noAddress", a.address()));
            case PRIVILEGED -> new Result(Verdict.UNKNOWN, T.get("ports.status.privileged"), key, "");
            case UNKNOWN -> new Result(Verdict.UNKNOWN, T.get("ports.status.unknown", a.detail()), key, "");
        };
    }
}
