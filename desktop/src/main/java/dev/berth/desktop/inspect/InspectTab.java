package dev.berth.desktop.inspect;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;

/** The Inspect tab of a container's detail view. */
public final class InspectTab extends ModelDetailTab<InspectViewModel> {

    public InspectTab(BackgroundExecutor background, Notifier notifier) {
        this(new InspectViewModel(background, notifier));
    }

    private InspectTab(InspectViewModel model) {
        super("inspect", "Inspect", model, new InspectView(model).node());
    }
}
