package dev.berth.engine.api;

/** A feature's API endpoints; each feature package registers its own. */
public interface Routes {

    void register(Router router);
}
