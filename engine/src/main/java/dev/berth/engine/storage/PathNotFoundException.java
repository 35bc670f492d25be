package dev.berth.engine.storage;

import dev.berth.engine.errors.EngineException;

/**
 * A path that does not exist inside a container (404). The API adds the container: Docker answers
 * "Could not find the file {path} in container {name}".
 */
public final class PathNotFoundException extends EngineException {

    private final String path;

    public PathNotFoundException(String path) {
        super(404, "Could not find the file " + path + " in container");
        this.path = path;
    }

    /** The path as the client gave it. */
    public String path() {
        return path;
    }
}
