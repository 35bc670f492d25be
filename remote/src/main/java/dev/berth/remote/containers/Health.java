package dev.berth.remote.containers;

import java.util.List;

/**
 * A container's health as the engine tracks it.
 *
 * @param status "none", "starting", "healthy" or "unhealthy"
 * @param log    the most recent checks (inspect only)
 */
public record Health(String status, Integer failingStreak, List<Result> log) {

    /** One health check run; times are RFC 3339. */
    public record Result(String start, String end, Integer exitCode, String output) {
    }
}
