package dev.berth.desktop.containers;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import dev.berth.remote.containers.ContainersApi;
import java.util.Set;
import javafx.scene.input.KeyCombination;

/**
 * What the toolbar, the context menu and the keyboard can do to selected containers, and to which states each
 * applies: a bulk action acts on the selected containers it applies to and skips the others.
 */
public enum ContainerAction {
    START("start", AppIcon.START, Shortcuts.START, Set.of("created", "exited")),
    STOP("stop", AppIcon.STOP, Shortcuts.STOP, Set.of("running", "restarting", "paused")),
    RESTART("restart", AppIcon.RESTART, Shortcuts.RESTART, Set.of("running", "exited", "created", "paused")),
    PAUSE("pause", AppIcon.PAUSE, Shortcuts.PAUSE, Set.of("running")),
    UNPAUSE("unpause", AppIcon.START, Shortcuts.UNPAUSE, Set.of("paused")),
    KILL("kill", AppIcon.KILL, Shortcuts.KILL, Set.of("running", "restarting", "paused")),
    REMOVE("remove", AppIcon.REMOVE, Shortcuts.REMOVE,
            Set.of("created", "running", "paused", "restarting", "exited", "dead"));

    private static final Texts T = Texts.of(ContainerAction.class);

    private final String id;
    private final AppIcon icon;
    private final KeyCombination shortcut;
    private final Set<String> states;

    ContainerAction(String id, AppIcon icon, KeyCombination shortcut, Set<String> states) {
        this.id = id;
        this.icon = icon;
        this.shortcut = shortcut;
        this.states = states;
    }

    /** Node id suffix: the toolbar button is "containers-" + id. */
    public String id() {
        return id;
    }

    /** The verb on buttons and menus: "Stop". */
    public String label() {
        return switch (this) {
            case START -> T.get("containers.action.start");
            case STOP -> T.get("containers.action.stop");
            case RESTART -> T.get("containers.action.restart");
            case PAUSE -> T.get("containers.action.pause");
            case UNPAUSE -> T.get("containers.action.unpause");
            case KILL -> T.get("containers.action.kill");
            case REMOVE -> T.get("containers.action.remove");
        };
    }

    /** The notice after a bulk action: "Stopped 3 containers". */
    public String done(int count) {
        return switch (this) {
            case START -> T.get("containers.done.start", count);
            case STOP -> T.get("containers.done.stop", count);
            case RESTART -> T.get("containers.done.restart", count);
            case PAUSE -> T.get("containers.done.pause", count);
            case UNPAUSE -> T.get("containers.done.unpause", count);
            case KILL -> T.get("containers.done.kill", count);
            case REMOVE -> T.get("containers.done.remove", count);
        };
    }

    public AppIcon icon() {
        return icon;
    }

    /** Its key: Ctrl+S starts, Ctrl+Shift+S stops, …, Delete removes (after confirming). */
    public KeyCombination shortcut() {
        return shortcut;
    }

    public boolean appliesTo(String state) {
        return states.contains(state);
    }

    /** The engine call; {@link #REMOVE} here is the plain (not forced) removal. */
    void perform(ContainersApi api, String containerId) {
        switch (this) {
            case START -> api.start(containerId);
            case STOP -> api.stop(containerId);
            case RESTART -> api.restart(containerId, null);
            case PAUSE -> api.pause(containerId);
            case UNPAUSE -> api.unpause(containerId);
            case KILL -> api.kill(containerId, null);
            case REMOVE -> api.remove(containerId, false, false);
            default -> throw new IllegalStateException(name());
        }
    }
}
