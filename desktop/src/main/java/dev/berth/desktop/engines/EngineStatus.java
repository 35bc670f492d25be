package dev.berth.desktop.engines;

/** What the sidebar shows about an engine: reachable or why not, its version and container counts. */
public record EngineStatus(State state, String version, String apiVersion, int running, int total, String problem) {

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
            case CHECKING -> "checking…";
            case REACHABLE -> version + " · " + running + "/" + total + " running";
            case UNREACHABLE -> problem;
        };
    }
}
