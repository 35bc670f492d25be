package dev.berth.desktop.containers;

import java.util.Set;

/** The state filter above the containers table. */
public enum StateFilter {
    ALL("All", Set.of()),
    RUNNING("Running", Set.of("running", "restarting")),
    PAUSED("Paused", Set.of("paused")),
    EXITED("Exited", Set.of("exited", "dead")),
    CREATED("Created", Set.of("created"));

    private final String label;
    private final Set<String> states;

    StateFilter(String label, Set<String> states) {
        this.label = label;
        this.states = states;
    }

    public boolean accepts(String state) {
        return this == ALL || states.contains(state);
    }

    @Override
    public String toString() {
        return label;
    }
}
