package dev.berth.desktop.inspect;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;

/** The Inspect tab of a container's detail view. */
public final class InspectTab extends ModelDetailTab<InspectViewModel> {

    private static final Texts T = Texts.of(InspectTab.class);

    public InspectTab(BackgroundExecutor background, Notifier notifier) {
        this(new InspectViewModel(background, notifier));
    }

    private InspectTab(InspectViewModel model) {
        super("inspect", T.get("inspect.tab"), model, new InspectView(model).node());
    }
}
