package dev.berth.desktop.logs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One log line: optional timestamp, the text in the stream's colour, search matches highlighted. Cells are reused
 * by the virtualised list, so only the visible lines ever have nodes.
 */
final class LogLineCell extends ListCell<LogLine> {

    static final Font MONO = Font.font("monospace", 13);

    private final LogsViewModel model;
    private final TextFlow flow = new TextFlow();

    LogLineCell(LogsViewModel model) {
        this.model = model;
        getStyleClass().add("log-cell");
        flow.getStyleClass().add("log-flow");
        setText(null);
    }

    /** Height of one unwrapped line, for the list's fixed cell size. */
    static double lineHeight() {
        Text probe = new Text("Ag|");
        probe.setFont(MONO);
        return Math.ceil(probe.getLayoutBounds().getHeight()) + 2;
    }

    TextFlow flow() {
        return flow;
    }

    @Override
    protected void updateItem(LogLine line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeAll("log-stdout", "log-stderr");
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        getStyleClass().add(line.source() == LogLine.Source.STDERR ? "log-stderr" : "log-stdout");
        flow.getChildren().setAll(nodes(line));
        setGraphic(flow);
    }

    private List<Node> nodes(LogLine line) {
        List<Node> nodes = new ArrayList<>(3);
        if (model.timestampsProperty().get() && line.timestamp() != null) {
            nodes.add(text(line.timestamp() + " ", "log-timestamp"));
        }
        String text = line.text();
        String query = model.searchProperty().get();
        int from = 0;
        if (!query.isEmpty()) {
            boolean current = getIndex() == model.currentMatchIndex();
            for (int at = LogSearch.indexOf(text, query, 0); at >= 0; at = LogSearch.indexOf(text, query, from)) {
                if (at > from) {
                    nodes.add(text(text.substring(from, at), "log-text"));
                }
                Label match = new Label(text.substring(at, at + query.length()));
                match.setFont(MONO);
                match.getStyleClass().add(current ? "log-match-current" : "log-match");
                nodes.add(match);
                from = at + query.length();
            }
        }
        if (from < text.length() || nodes.isEmpty()) {
            nodes.add(text(text.substring(from), "log-text"));
        }
        return nodes;
    }

    private static Text text(String value, String styleClass) {
        Text t = new Text(value);
        t.setFont(MONO);
        t.getStyleClass().add(styleClass);
        return t;
    }
}
