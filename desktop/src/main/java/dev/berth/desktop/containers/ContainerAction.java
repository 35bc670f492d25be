package dev.berth.desktop.containers;

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
    START("start", "Start", "Started", AppIcon.START, Shortcuts.START, Set.of("created", "exited")),
    STOP("stop", "Stop", "Stopped", AppIcon.STOP, Shortcuts.STOP, Set.of("running", "restarting", "paused")),
    RESTART("restart", "Restart", "Restarted", AppIcon.RESTART, Shortcuts.RESTART,
            Set.of("running", "exited", "created", "paused")),
    PAUSE("pause", "Pause", "Paused", AppIcon.PAUSE, Shortcuts.PAUSE, Set.of("running")),
    UNPAUSE("unpause", "Resume", "Resumed", AppIcon.START, Shortcuts.UNPAUSE, Set.of("paused")),
    KILL("kill", "Kill", "Killed", AppIcon.KILL, Shortcuts.KILL, Set.of("running", "restarting", "paused")),
    REMOVE("remove", "Remove", "Removed", AppIcon.REMOVE, Shortcuts.REMOVE,
            Set.of("created", "running", "paused", "restarting", "exited", "dead"));

    private final String id;
    private final String label;
    private final String done;
    private final AppIcon icon;
    private final KeyCombination shortcut;
    private final Set<String> states;

    ContainerAction(String id, String label, String done, AppIcon icon, KeyCombination shortcut, Set<String> states) {
        this.id = id;
        this.label = label;
        this.done = done;
        this.icon = icon;
        this.shortcut = shortcut;
        this.states = states;
    }

    /** Node id suffix: the toolbar button is "containers-" + id. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Past tense for notices: "Stopped 3 containers". */
    public String done() {
        return done;
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
