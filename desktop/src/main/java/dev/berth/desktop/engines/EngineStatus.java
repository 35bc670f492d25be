package dev.berth.desktop.engines;

import dev.berth.desktop.i18n.Texts;

/** What the sidebar shows about an engine: reachable or why not, its version and container counts. */
public record EngineStatus(State state, String version, String apiVersion, int running, int total, String problem) {

    private static final Texts T = Texts.of(EngineStatus.class);

    public enum State { CHECKING, REACHABLE, UNREACHABLE }

    public static EngineStatus checking() {
        return new EngineStatus(State.CHECKING, null, null, 0, 0, null);
    }

    public static EngineStatus unreachable(String problem) {
        return new EngineStatus(State.UNREACHABLE, null, null, 0, 0, problem);
    }

    public boolean reachable() {
        return state == State.REACHABLE;
    }

    /** One line for a list cell: "28.2.2 · 3/10 running" or the reason it is unreachable. */
    public String summary() {
        return switch (state) {
            case CHECKING -> T.get("status.checking");
            case REACHABLE -> T.get("status.reachable", version, running, total);
            case UNREACHABLE -> problem;
        };
    }
}
