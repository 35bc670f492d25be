package dev.berth.remote.containers;

import dev.berth.remote.client.Filters;

/**
 * Options of {@code GET /containers/json}.
 *
 * @param all     include stopped containers (the CLI's {@code -a})
 * @param limit   only the most recently created ones, or null
 * @param size    compute {@code SizeRw}/{@code SizeRootFs}: slow on busy hosts, so off unless asked
 * @param filters e.g. label=app=web, status=running, name=web, ancestor=nginx, network=…, volume=…
 */
public record ListContainersParams(boolean all, Integer limit, boolean size, Filters filters) {

    /** Running containers only, like {@code docker ps}. */
    public static ListContainersParams running() {
        return new ListContainersParams(false, null, false, null);
    }

    /** All containers, like {@code docker ps -a}. */
    public static ListContainersParams includingStopped() {
        return new ListContainersParams(true, null, false, null);
    }

    public ListContainersParams withFilters(Filters filters) {
        return new ListContainersParams(all, limit, size, filters);
    }

    public ListContainersParams withSize(boolean size) {
        return new ListContainersParams(all, limit, size, filters);
    }

    public ListContainersParams withLimit(Integer limit) {
        return new ListContainersParams(all, limit, size, filters);
    }
}
