package dev.berth.remote.containers;

/**
 * What the engine does when the container exits.
 *
 * @param name              "" or "no", "always", "unless-stopped", "on-failure"
 * @param maximumRetryCount only for "on-failure"
 */
public record RestartPolicy(String name, Integer maximumRetryCount) {

    public static RestartPolicy no() {
        return new RestartPolicy("no", null);
    }

    public static RestartPolicy always() {
        return new RestartPolicy("always", null);
    }

    public static RestartPolicy unlessStopped() {
        return new RestartPolicy("unless-stopped", null);
    }

    public static RestartPolicy onFailure(int maximumRetryCount) {
        return new RestartPolicy("on-failure", maximumRetryCount);
    }
}
