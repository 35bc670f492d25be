package dev.berth.desktop.containers;

import dev.berth.desktop.i18n.Texts;
import java.util.Set;

/** The state filter above the containers table. */
public enum StateFilter {
    ALL(Set.of()),
    RUNNING(Set.of("running", "restarting")),
    PAUSED(Set.of("paused")),
    EXITED(Set.of("exited", "dead")),
    CREATED(Set.of("created"));

    private static final Texts T = Texts.of(StateFilter.class);

    private final Set<String> states;

    StateFilter(Set<String> states) {
        this.states = states;
    }

    public boolean accepts(String state) {
        return this == ALL || states.contains(state);
    }

    @Override
    public String toString() {
        return switch (this) {
            case ALL -> T.get("containers.filter.all");
            case RUNNING -> T.get("containers.filter.running");
            case PAUSED -> T.get("containers.filter.paused");
            case EXITED -> T.get("containers.filter.exited");
            case CREATED -> T.get("containers.filter.created");
        };
    }

    /** What the table says when no container is in this state. */
    String emptyText() {
        return switch (this) {
            case ALL -> T.get("containers.empty.all");
            case RUNNING -> T.get("containers.empty.running");
            case PAUSED -> T.get("containers.empty.paused");
            case EXITED -> T.get("containers.empty.exited");
            case CREATED -> T.get("containers.empty.created");
        };
    }

    /** The command palette's entry for this filter. */
    String paletteTitle() {
        return switch (this) {
            case ALL -> T.get("containers.palette.filter.all");
            case RUNNING -> T.get("containers.palette.filter.running");
            case PAUSED -> T.get("containers.palette.filter.paused");
            case EXITED -> T.get("containers.palette.filter.exited");
            case CREATED -> T.get("containers.palette.filter.created");
        };
    }
}
