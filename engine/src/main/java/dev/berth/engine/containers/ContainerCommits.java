package dev.berth.engine.containers;

import dev.berth.engine.images.CommitSource;

/** The containers side of {@code docker commit}: finding the container and pausing it while its layer is read. */
final class ContainerCommits implements CommitSource {

    private final ContainerService service;

    ContainerCommits(ContainerService service) {
        this.service = service;
    }

    @Override
    public CommitSource.Container find(String nameOrId) {
        dev.berth.engine.containers.Container c = service.find(nameOrId);
        c.lock.lock();
        try {
            return new CommitSource.Container(c.id, c.plainName(), c.imageId, c.config, c.running && !c.restarting,
                    c.paused);
        } finally {
            c.lock.unlock();
        }
    }

    /** Pauses a running container; one that is not running has nothing to freeze. */
    @Override
    public void pause(String id) {
        if (service.isRunning(id) && !service.find(id).paused) {
            service.pause(id);
        }
    }

    @Override
    public void unpause(String id) {
        if (service.find(id).paused) {
            service.unpause(id);
        }
    }
}
