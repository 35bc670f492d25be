package dev.berth.desktop.fx;

import javafx.scene.Node;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.Separator;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Toolbars that fit. When a row of controls gets narrower than it would like (a laptop screen, a small window),
 * buttons with an icon show only the icon (their tooltip still says what they do), text fields give way down to a
 * usable width, and labels and choosers keep their text whole: never a row of "…" buttons.
 */
public final class Rows {

    /** The narrowest a search or path field becomes. */
    private static final double FIELD_MIN = 120;
    /** How narrow a field gets before the buttons beside it show only their icons. */
    private static final double FIELD_COMFORTABLE = 170;
    private static final String FITTED = "berth-rows-fitted";
    private static final String COMPACT = "berth-rows-compact";

    private Rows() {
    }

    /** Fits {@code row} from now on (again after children were added). */
    public static HBox keepLabelsWhole(HBox row) {
        for (Node n : row.getChildren()) {
            if (n instanceof Labeled || n instanceof ComboBoxBase || n instanceof Separator) {
                ((Region) n).setMinWidth(Region.USE_PREF_SIZE); // whole, or (with an icon) icon only: never "…"
            } else if (n instanceof TextInputControl field) {
                field.setMinWidth(Math.min(FIELD_MIN, field.prefWidth(-1)));
            }
        }
        // the row takes the width it is given, so that it can tell when it must turn buttons into icons
        row.setMinWidth(0);
        if (row.getProperties().put(FITTED, Boolean.TRUE) == null) {
            row.widthProperty().addListener((obs, old, width) -> fit(row));
            // a theme or a font change alters the width needed without changing the row's own
            row.needsLayoutProperty().addListener((obs, was, now) -> {
                if (!now) {
                    fit(row);
                }
            });
        }
        return row;
    }

    /** A button or toggle with an icon and text: the text can go, the tooltip keeps saying what it does. */
    private static boolean iconButton(Node n) {
        return n instanceof Labeled labeled && labeled.getGraphic() != null && labeled.getText() != null
                && !labeled.getText().isEmpty();
    }

    private static void fit(HBox row) {
        if (row.getWidth() <= 0) {
            return;
        }
        boolean compact = row.getProperties().containsKey(COMPACT);
        double full = row.prefWidth(-1);
        for (Node n : row.getChildren()) {
            if (n instanceof TextInputControl field) {
                // text fields narrow down to a comfortable width first; only then do buttons lose their text
                full -= Math.max(0, field.prefWidth(-1) - Math.max(field.minWidth(-1), FIELD_COMFORTABLE));
            }
        }
        if (compact) {
            for (Node n : row.getChildren()) {
                if (iconButton(n)) {
                    Labeled labeled = (Labeled) n;
                    Text text = new Text(labeled.getText());
                    text.setFont(labeled.getFont());
                    full += Math.ceil(text.getLayoutBounds().getWidth()) + labeled.getGraphicTextGap();
                }
            }
        }
        // a little slack on the way back, so that a width right at the edge does not flip it to and fro
        boolean tooNarrow = row.getWidth() + (compact ? -2 : 0.5) < full;
        if (tooNarrow == compact) {
            return;
        }
        if (tooNarrow) {
            row.getProperties().put(COMPACT, Boolean.TRUE);
        } else {
            row.getProperties().remove(COMPACT);
        }
        for (Node n : row.getChildren()) {
            if (iconButton(n)) {
                ((Labeled) n).setContentDisplay(tooNarrow ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
            }
        }
    }
}
