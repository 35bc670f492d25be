package dev.berth.desktop.stats;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;

/** The Stats tab of a container's detail view. */
public final class StatsTab extends ModelDetailTab<StatsViewModel> {

    public StatsTab(BackgroundExecutor background, Notifier notifier) {
        this(new StatsViewModel(background, notifier));
    }

    private StatsTab(StatsViewModel model) {
        super("stats", "Stats", model, new StatsView(model).node());
    }
}
