package dev.berth.desktop.containers;

import dev.berth.remote.containers.ContainerSummary;
import java.util.List;
import java.util.Set;

/** Lets the benchmark (another package) feed listings to the view model as if the engine had answered. */
public final class ContainersBenchSupport {

    private ContainersBenchSupport() {
    }

    public static void load(ContainersViewModel model, List<ContainerSummary> listing) {
        model.applyFull(listing);
    }

    public static void update(ContainersViewModel model, Set<String> ids, List<ContainerSummary> listing) {
        model.applyPartial(ids, listing);
    }
}
