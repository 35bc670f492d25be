package dev.berth.desktop.shell;

import javafx.scene.input.KeyCombination;

/**
 * An action the command palette (Ctrl+K) offers: what it is called, where it belongs, its keyboard shortcut (or
 * null), what it does. The main window runs a command when its shortcut is pressed and nothing focused took the key.
 */
public record PaletteCommand(String title, String category, KeyCombination shortcut, Runnable action) {

    public PaletteCommand(String title, String category, Runnable action) {
        this(title, category, null, action);
    }

    /** "Ctrl+S", or "" without a shortcut. */
    public String shortcutText() {
        return shortcut == null ? "" : Shortcuts.text(shortcut);
    }
}
