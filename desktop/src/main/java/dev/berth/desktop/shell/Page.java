package dev.berth.desktop.shell;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.icons.AppIcon;
import javafx.scene.Node;


/**
 * One panel of the main window (Dashboard, Containers, Images, …). The shell shows one page at a time and tells it
 * which engine to show; a hidden page releases its bindings and streams.
 */
public interface Page {

    /** Stable id for navigation and tests, e.g. "containers". */
    String id();

    String title();

    AppIcon icon();

    /** The page's node, built once. */
    Node view();

    /** The page becomes visible, or the engine changed while it was visible. Called on the FX thread. */
    void show(EngineSession session);

    /** The page is no longer visible: stop streams, drop listeners. */
    void hide();

    /** Ctrl+F: puts the focus in the page's search field. */
    default void focusSearch() {
    }

    /** F5: asks the engine again for what the page shows. */
    default void refresh() {
    }

    /**
     * The page's actions for the command palette while it is visible (e.g. "Pull image…"), with their shortcuts:
     * the main window runs a command when its shortcut is pressed on this page.
     */
    default java.util.List<PaletteCommand> commands() {
        return java.util.List.of();
    }
}
