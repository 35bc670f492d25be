package dev.berth.desktop.shell;

import java.util.List;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Berth's keyboard shortcuts, in one place so that menus, tooltips, the command palette and the user guide agree.
 * Keys with Ctrl (and F5) act anywhere in the window unless the focused control uses them itself (the logs' own
 * Ctrl+F, a terminal session); Enter, Delete and the copy keys act on the focused table only.
 */
public final class Shortcuts {

    // ---- everywhere
    public static final KeyCombination PALETTE = ctrl(KeyCode.K);
    public static final KeyCombination FIND = ctrl(KeyCode.F);
    public static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination RUN = ctrl(KeyCode.N);
    /** Ctrl+1 … Ctrl+9: the pages in navigation order. */
    public static final List<KeyCombination> PAGES = List.of(ctrl(KeyCode.DIGIT1), ctrl(KeyCode.DIGIT2),
            ctrl(KeyCode.DIGIT3), ctrl(KeyCode.DIGIT4), ctrl(KeyCode.DIGIT5), ctrl(KeyCode.DIGIT6),
            ctrl(KeyCode.DIGIT7), ctrl(KeyCode.DIGIT8), ctrl(KeyCode.DIGIT9));
    public static final KeyCombination DARK_THEME = ctrlShift(KeyCode.L);
    public static final KeyCombination SETTINGS = ctrl(KeyCode.COMMA);

    // ---- in tables
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.ENTER);
    public static final KeyCombination REMOVE = new KeyCodeCombination(KeyCode.DELETE);
    public static final KeyCombination COPY = ctrl(KeyCode.C);
    public static final KeyCombination COPY_ID = ctrlShift(KeyCode.C);
    /** Keys the focused table handles (Ctrl+C elsewhere is a text field's, or nothing). */
    private static final List<KeyCombination> TABLE_KEYS = List.of(OPEN, REMOVE, COPY, COPY_ID);

    // ---- containers
    public static final KeyCombination START = ctrl(KeyCode.S);
    public static final KeyCombination STOP = ctrlShift(KeyCode.S);
    public static final KeyCombination RESTART = ctrl(KeyCode.R);
    public static final KeyCombination PAUSE = ctrl(KeyCode.P);
    public static final KeyCombination UNPAUSE = ctrlShift(KeyCode.P);
    public static final KeyCombination KILL = ctrlShift(KeyCode.K);
    public static final KeyCombination GROUP = ctrl(KeyCode.G);

    // ---- images
    public static final KeyCombination PULL = ctrl(KeyCode.P);
    public static final KeyCombination PUSH = ctrlShift(KeyCode.P);
    public static final KeyCombination TAG = ctrl(KeyCode.T);
    public static final KeyCombination SAVE = ctrl(KeyCode.S);
    public static final KeyCombination LOAD = ctrl(KeyCode.O);
    public static final KeyCombination IMPORT = ctrl(KeyCode.I);

    private Shortcuts() {
    }

    /** How a shortcut is written for people: "Ctrl+Shift+S", "Delete", "F5". */
    public static String text(KeyCombination key) {
        // JavaFX writes Enter as a symbol; the guide and the menus name it
        return key.equals(OPEN) ? "Enter" : key.getDisplayText();
    }

    /** "Start selected (Ctrl+S)". */
    public static Tooltip tooltip(String text, KeyCombination key) {
        return new Tooltip(key == null ? text : text + "  (" + text(key) + ")");
    }

    /**
     * The key to show beside a menu item. Menus only show keys; the main window and the tables act on them (a context
     * menu's own accelerators would act anywhere in the window: Delete in the Files tab would remove the container).
     */
    public static KeyCombination inMenu(KeyCombination key) {
        return key == null ? null : new Shown(key);
    }

    /** Whether the key acts anywhere in the window, rather than on the focused control only. */
    static boolean isWindowWide(KeyCombination key) {
        if (TABLE_KEYS.contains(key)) {
            return false;
        }
        if (key instanceof KeyCodeCombination code && code.getCode().isFunctionKey()) {
            return true;
        }
        return key.getShortcut() == KeyCombination.ModifierValue.DOWN
                || key.getControl() == KeyCombination.ModifierValue.DOWN
                || key.getAlt() == KeyCombination.ModifierValue.DOWN
                || key.getMeta() == KeyCombination.ModifierValue.DOWN;
    }

    private static KeyCombination ctrl(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination ctrlShift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    /** A key shown in a menu that never matches an event itself. */
    private static final class Shown extends KeyCombination {

        private final KeyCombination key;

        Shown(KeyCombination key) {
            this.key = key;
        }

        @Override
        public boolean match(javafx.scene.input.KeyEvent event) {
            return false;
        }

        @Override
        public String getDisplayText() {
            return text(key);
        }

        @Override
        public String getName() {
            return "shown " + key.getName();
        }
    }
}
