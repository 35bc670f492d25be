package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;

/** A view model that follows its page's visibility: loads and listens while shown, releases everything when hidden. */
public interface PageModel {

    /** The page became visible, or the engine changed while it was. FX thread. */
    void show(EngineSession session);

    /** Stop listening and drop work in flight. FX thread. */
    void hide();

    /** Ask the engine again now (F5). FX thread. */
    default void refresh() {
    }
}
