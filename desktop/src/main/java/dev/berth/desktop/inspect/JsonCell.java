package dev.berth.desktop.inspect;

import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;

/** "Key: value" with the value coloured by type; items matching the search are marked. */
final class JsonCell extends TreeCell<JsonEntry> {

    private final Supplier<String> query;
    private final Label key = new Label();
    private final Label value = new Label();
    private final HBox box = new HBox(key, value);

    JsonCell(Supplier<String> lowerCaseQuery) {
        this.query = lowerCaseQuery;
        getStyleClass().add("json-cell");
        key.getStyleClass().add("json-key");
    }

    @Override
    protected void updateItem(JsonEntry entry, boolean empty) {
        super.updateItem(entry, empty);
        getStyleClass().remove("json-match");
        setText(null);
        if (empty || entry == null) {
            setGraphic(null);
            return;
        }
        key.setText(entry.key() == null ? "" : entry.key() + ": ");
        key.setVisible(entry.key() != null);
        key.setManaged(entry.key() != null);
        value.setText(entry.display());
        value.getStyleClass().setAll("label", entry.valueType());
        String q = query.get();
        if (!q.isEmpty() && entry.matches(q)) {
            getStyleClass().add("json-match");
        }
        setGraphic(box);
    }
}
