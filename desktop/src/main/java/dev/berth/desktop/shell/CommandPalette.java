package dev.berth.desktop.shell;

import dev.berth.desktop.i18n.Texts;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * Ctrl+K: every action by name, with its shortcut. Type to narrow (all words must match, in any order, in the title,
 * the category or the shortcut), arrows to choose, Enter to run, Escape to close.
 */
public final class CommandPalette {

    private static final Texts T = Texts.of(CommandPalette.class);

    private final Supplier<List<PaletteCommand>> commands;

    public CommandPalette(Supplier<List<PaletteCommand>> commands) {
        this.commands = commands;
    }

    public void open(Window owner) {
        FilteredList<PaletteCommand> shown = new FilteredList<>(FXCollections.observableArrayList(commands.get()));
        TextField search = new TextField();
        search.setId("palette-search");
        search.setPromptText(T.get("palette.prompt"));
        ListView<PaletteCommand> list = new ListView<>(shown);
        list.setId("palette-list");
        list.setPrefSize(560, 340);
        list.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0); // as wide as the list: the shortcut and category line up on the right
            }

            @Override
            protected void updateItem(PaletteCommand c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    Label title = new Label(c.title());
                    title.setMinWidth(0);
                    Label category = new Label(c.category());
                    category.getStyleClass().add("engine-detail");
                    category.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                    Label key = new Label(c.shortcutText());
                    key.getStyleClass().add("palette-shortcut");
                    key.setVisible(!c.shortcutText().isEmpty());
                    key.setManaged(key.isVisible());
                    key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                    javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
                    javafx.scene.layout.HBox.setHgrow(grow, javafx.scene.layout.Priority.ALWAYS);
                    javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(8, title, grow, key, category);
                    line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                    line.prefWidthProperty().bind(widthProperty().subtract(snappedLeftInset() + snappedRightInset() + 2));
                    setText(null);
                    setGraphic(line);
                    setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                }
            }
        });
        search.textProperty().addListener((obs, old, text) -> {
            String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
            shown.setPredicate(c -> {
                String hay = (c.title() + " " + c.category() + " " + c.shortcutText()).toLowerCase(Locale.ROOT);
                for (String w : words) {
                    if (!hay.contains(w)) {
                        return false;
                    }
                }
                return true;
            });
            list.getSelectionModel().selectFirst();
        });
        list.getSelectionModel().selectFirst();

        Stage stage = new Stage(StageStyle.UTILITY);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(T.get("palette.title"));
        VBox root = new VBox(6, search, list);
        root.setId("command-palette");
        root.setStyle("-fx-padding: 8;");
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            } else if (e.getCode() == KeyCode.ENTER) {
                PaletteCommand chosen = list.getSelectionModel().getSelectedItem();
                stage.close();
                if (chosen != null) {
                    chosen.action().run();
                }
            } else if (e.getCode() == KeyCode.DOWN && search.isFocused()) {
                list.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP && search.isFocused()) {
                list.getSelectionModel().selectPrevious();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.show();
        search.requestFocus();
    }
}
