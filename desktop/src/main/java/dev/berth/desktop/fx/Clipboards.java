package dev.berth.desktop.fx;

import java.util.List;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts text on the system clipboard. FX thread. */
public final class Clipboards {

    private Clipboards() {
    }

    /** One line each; nothing happens for no lines. */
    public static void copyLines(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", lines));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
