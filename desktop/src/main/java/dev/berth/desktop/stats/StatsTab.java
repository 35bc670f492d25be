package dev.berth.desktop.stats;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;

/** The Stats tab of a container's detail view. */
public final class StatsTab extends ModelDetailTab<StatsViewModel> {

    private static final Texts T = Texts.of(StatsTab.class);

    public StatsTab(BackgroundExecutor background, Notifier notifier) {
        this(new StatsViewModel(background, notifier));
    }

    private StatsTab(StatsViewModel model) {
        super("stats", T.get("stats.tab"), model, new StatsView(model).node());
    }
}
