package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.system.EventMessage;
import java.util.ArrayList;
import java.util.List;

/** Every published port across the engine's containers: what is listening where on the host. */
public final class PortsViewModel extends ListPageModel<PortRow.Data, PortRow> {

    public PortsViewModel(BackgroundExecutor background, Notifier notifier) {
        super(background, notifier, "published ports", (rows, data) -> RowMerge.merge(rows, data, PortRow.Data::key,
                PortRow::key, PortRow::new, PortRow::update));
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        return EngineChanges.any(batch, "container");
    }

    @Override
    protected List<PortRow.Data> fetch(EngineClient client) {
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
