package dev.berth.desktop.volumes;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.EngineChanges;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.KeyValues;
import dev.berth.desktop.resources.ListPageModel;
import dev.berth.desktop.resources.Outcome;
import dev.berth.desktop.resources.RowMerge;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.MountPoint;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.volumes.Volume;
import dev.berth.remote.volumes.VolumeCreateRequest;
import dev.berth.remote.volumes.VolumePruneReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's volumes with their sizes ({@code /system/df}) and the containers that mount them (the containers
 * list), and every volume command.
 */
public final class VolumesViewModel extends ListPageModel<VolumeRow.Data, VolumeRow> {

    private static final Texts T = Texts.of(VolumesViewModel.class);
    private static final Set<String> CONTAINER_ACTIONS = Set.of("create", "destroy", "rename", "die");

    private final BackgroundExecutor background;
    private final Notifier notifier;

    public VolumesViewModel(BackgroundExecutor background, Notifier notifier) {
        super(background, notifier, "volumes", (rows, data) -> RowMerge.merge(rows, data, d -> d.volume().name(),
                VolumeRow::name, VolumeRow::new, VolumeRow::update));
        this.background = background;
        this.notifier = notifier;
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        // a container's removal is what frees a volume, and what it wrote before it stopped changes the size
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
        Map<String, Set<String>> images = new HashMap<>();
        for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
            if (c.mounts() == null) {
                continue;
            }
            for (MountPoint m : c.mounts()) {
                if ("volume".equals(m.type()) && m.name() != null) {
                    users.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(c.name());
                    if (c.image() != null && !VolumeBrowsing.isHelper(c)) {
                        images.computeIfAbsent(m.name(), k -> new LinkedHashSet<>()).add(c.image());
                    }
                }
            }
        }
        Map<String, Long> sizes = new HashMap<>();
        List<Volume> usage = client.system().df().volumes();
        for (Volume v : usage == null ? List.<Volume>of() : usage) {
            if (v.usageData() != null && v.usageData().size() != null) {
                sizes.put(v.name(), v.usageData().size());
            }
        }
        List<VolumeRow.Data> data = new ArrayList<>();
        for (Volume v : volumes == null ? List.<Volume>of() : volumes) {
            List<String> names = new ArrayList<>(users.getOrDefault(v.name(), List.of()));
            names.sort(null);
            data.add(new VolumeRow.Data(v, names, sizes.getOrDefault(v.name(), -1L),
                    List.copyOf(images.getOrDefault(v.name(), Set.of()))));
        }
        return data;
    }

    EngineSession engine() {
        return session();
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    /** The volume drivers the engine has; "local" at least. */
    Outcome<List<String>> drivers() {
        EngineClient client = session().client();
        return Outcome.of(background.submit(T.get("job.drivers"), () -> {
            SystemInfo.Plugins plugins = client.system().info().plugins();
            List<String> drivers = new ArrayList<>(plugins == null || plugins.volume() == null ? List.of()
                    : plugins.volume());
            if (!drivers.contains("local")) {
                drivers.add(0, "local");
            }
            return drivers;
        }));
    }

    /**
     * Creates a volume.
     *
     * @param name blank for a generated name
     */
    Outcome<Volume> create(String name, String driver, String options, String labels) {
        EngineClient client = session().client();
        VolumeCreateRequest request = new VolumeCreateRequest(name.isBlank() ? null : name.strip(),
                driver == null || driver.isBlank() ? null : driver, emptyToNull(KeyValues.parse(options)),
                emptyToNull(KeyValues.parse(labels)));
        Outcome<Volume> outcome = Outcome.of(background.submit(T.get("job.create"), () -> {
            if (request.name() != null) {
                // creating an existing name returns it unchanged: say so instead of pretending it was made
                boolean exists = client.volumes().list().volumes().stream().anyMatch(v -> v.name().equals(request.name()));
                if (exists) {
                    throw new EngineException(T.get("create.exists", request.name()));
                }
            }
            return client.volumes().create(request);
        }));
        outcome.onSuccess(v -> notifier.info(T.get("notice.created", v.name())));
        return outcome;
    }

    private static Map<String, String> emptyToNull(Map<String, String> map) {
        return map.isEmpty() ? null : map;
    }

    Outcome<Void> remove(VolumeRow row) {
        EngineClient client = session().client();
        String name = row.name();
        Outcome<Void> outcome = Outcome.of(background.submit(T.get("job.remove", name), () -> {
            client.volumes().remove(name, false);
            return null;
        }));
        outcome.onSuccess(v -> notifier.info(T.get("notice.removed", name)));
        return outcome;
    }

    /** @param all named volumes too, not only anonymous ones (engines from API 1.42 spare named ones otherwise) */
    Outcome<VolumePruneReport> prune(boolean all) {
        EngineClient client = session().client();
        Outcome<VolumePruneReport> outcome = Outcome.of(background.submit(T.get("job.prune"),
                () -> client.volumes().prune(null, all)));
        outcome.onSuccess(report -> {
            List<String> gone = report.volumesDeleted() == null ? List.of() : report.volumesDeleted();
            long freed = report.spaceReclaimed() == null ? 0 : report.spaceReclaimed();
            notifier.info(gone.isEmpty() ? T.get("notice.prunedNone")
                    : T.get("notice.pruned", gone.size(), Formats.size(freed), String.join(", ", gone)));
        });
        return outcome;
    }
}
