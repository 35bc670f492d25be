package dev.berth.desktop.shell;

/** An action the command palette (Ctrl+K) offers: what it is called, where it belongs, what it does. */
public record PaletteCommand(String title, String category, Runnable action) {
}
