package dev.berth.engine.images;

import dev.berth.remote.containers.ContainerConfig;

/** What {@code POST /commit} needs to know about a container; the container service implements it. */
public interface CommitSource {

    /** The container, by name or (short) ID; throws 404 "No such container: x" when there is none. */
    Container find(String nameOrId);

    /** Freezes the container during a commit (docker commit pauses by default). */
    void pause(String id);

    void unpause(String id);

    /**
     * @param id      full container ID
     * @param name    its name without the leading slash, or null
     * @param imageId "sha256:…" of the image it was created from
     */
    record Container(String id, String name, String imageId, ContainerConfig config, boolean running, boolean paused) {

        public Container(String id, String imageId, ContainerConfig config, boolean running) {
            this(id, null, imageId, config, running, false);
        }
    }
}
