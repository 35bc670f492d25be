package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;

/** The view model behind a detail tab: follows one container from {@link #open} until {@link #close}. */
public interface ContainerDetailModel {

    /** Starts showing this container. FX thread. */
    void open(EngineSession session, String containerRef);

    /** Stops every stream and listener it started. FX thread. */
    void close();
}
