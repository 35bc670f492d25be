package dev.berth.desktop.connect;

import atlantafx.base.theme.Styles;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Building blocks shared by the connect and certificate wizards: labelled rows, inline problems under their field,
 * hints, and path fields with a Browse button. Styled like the run-container wizard.
 */
public final class WizardForms {

    private WizardForms() {
    }

    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(150);
        label.setHalignment(HPos.RIGHT);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        field.setFillWidth(true);
        grid.getColumnConstraints().addAll(label, field);
        return grid;
    }

    /** A label on the left, the field with what goes below it (hint, problem) on the right. */
    public static void row(GridPane grid, String label, Node field, Node... below) {
        int r = grid.getRowCount();
        Label caption = new Label(label);
        caption.setPadding(new Insets(6, 0, 0, 0)); // level with the text inside the field's border
        GridPane.setValignment(caption, VPos.TOP);
        VBox cell = new VBox(4, field);
        cell.getChildren().addAll(below);
        grid.add(caption, 0, r);
        grid.add(cell, 1, r);
    }

    /** A heading above the next group of rows, across both columns. */
    public static void section(GridPane grid, String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setPadding(new Insets(8, 0, 0, 0));
        GridPane.setHalignment(heading, HPos.LEFT);
        grid.add(heading, 0, grid.getRowCount(), 2, 1);
    }

    /** A wizard's title and a muted line saying what it is for. */
    public static Node header(String title, String subtitle) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setMinWidth(Region.USE_PREF_SIZE);
        Label what = new Label(subtitle);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        HBox header = new HBox(10, heading, what);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(14, 20, 10, 20));
        header.getStyleClass().add("run-wizard-header");
        return header;
    }

    public static TextField text(String id, StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    public static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        return hint;
    }

    /** Red text under a field, shown only while there is a problem; the field's border turns red with it. */
    public static Label problem(String id, ObservableValue<String> problem, Node field) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("run-problem");
        label.setWrapText(true);
        label.textProperty().bind(problem);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        if (field != null) {
            field.pseudoClassStateChanged(Styles.STATE_DANGER, !isEmpty(problem.getValue()));
            problem.addListener((obs, old, text) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, !isEmpty(text)));
        }
        return label;
    }

    /**
     * A path field with a Browse button beside it; the button asks {@code chooser} for a file or folder (given the
     * window and the current value) and puts the answer into the field.
     */
    public static HBox pathField(TextField field, String buttonId, String tooltip,
                                 Function<Window, File> chooser) {
        Button browse = new Button(null, AppIcon.BROWSE.node(16));
        browse.setId(buttonId);
        browse.setTooltip(new Tooltip(tooltip));
        browse.setOnAction(e -> {
            Window window = field.getScene() == null ? null : field.getScene().getWindow();
            File chosen = chooser.apply(window);
            if (chosen != null) {
                field.setText(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox box = new HBox(6, field, browse);
        return box;
    }

    /** A folder the user picked, or null; starts in {@code current} when that is an existing folder. */
    public static File chooseFolder(Window owner, String title, String current) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        File start = existingFolder(current);
        if (start != null) {
            chooser.setInitialDirectory(start);
        }
        return chooser.showDialog(owner);
    }

    /** A file the user picked, or null. */
    public static File chooseFile(Window owner, String title, String current) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        File start = existingFolder(current == null || current.isBlank() ? null : parentOf(current));
        if (start != null) {
            chooser.setInitialDirectory(start);
        }
        return chooser.showOpenDialog(owner);
    }

    /** Calls {@code action} with the folder the user picked, if any. */
    public static void withFolder(Window owner, String title, String current, Consumer<Path> action) {
        File chosen = chooseFolder(owner, title, current);
        if (chosen != null) {
            action.accept(chosen.toPath());
        }
    }

    /**
     * Keeps the focused field visible: when Tab (or a click, or a test) moves the focus to a node inside the scroll
     * pane's content that is out of sight, the pane scrolls just enough to show it.
     */
    public static void followFocus(ScrollPane scroll) {
        scroll.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((o, before, focused) -> reveal(scroll, focused));
            }
        });
    }

    private static void reveal(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (node == null || content == null || !isInside(node, content)) {
            return;
        }
        Bounds bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double top = scroll.getVvalue() * (contentHeight - viewport);
        double wanted;
        if (bounds.getMinY() < top) {
            wanted = bounds.getMinY() - 12;
        } else if (bounds.getMaxY() > top + viewport) {
            wanted = bounds.getMaxY() - viewport + 12;
        } else {
            return;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, wanted / (contentHeight - viewport))));
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The app's stylesheets on a wizard's scene: the owner's, or app.css when it has no owner. */
    public static void style(Scene scene, Window owner) {
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        String appCss = WizardForms.class.getResource("/dev/berth/desktop/app.css").toExternalForm();
        if (!scene.getStylesheets().contains(appCss)) {
            scene.getStylesheets().add(appCss);
        }
    }

    private static String parentOf(String path) {
        try {
            Path parent = Path.of(path.strip()).getParent();
            return parent == null ? null : parent.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static File existingFolder(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        File file = new File(path.strip());
        return file.isDirectory() ? file : null; // a dialog opens where it can; a stat is not worth a thread
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
