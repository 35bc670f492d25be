package dev.berth.remote.endpoint;

/**
 * One entry of "every engine this user has": the environment-derived {@code default} context or a stored context.
 *
 * @param name        the context name ("default" for the environment-derived one)
 * @param description the context's description, or {@code null}
 * @param endpoint    where to connect, or {@code null} when the entry cannot be used (then {@code problem} says why)
 * @param isCurrent   this is the engine the docker CLI would use right now
 * @param problem     why the entry cannot be used (an ssh:// context, a broken DOCKER_HOST), or {@code null}
 */
public record DiscoveredEngine(String name, String description, EngineEndpoint endpoint, boolean isCurrent,
                               String problem) {

    public boolean isUsable() {
        return endpoint != null;
    }
}
