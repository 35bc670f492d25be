package dev.berth.desktop.containers;

import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** The containers table's columns: what each shows and how, group headers included. */
final class ContainerCells {

    private static final Texts T = Texts.of(ContainerCells.class);

    private static final Map<String, PseudoClass> STATES = Stream.of("running", "paused", "exited", "dead",
            "restarting", "created", "removing").collect(Collectors.toMap(s -> s, PseudoClass::getPseudoClass));

    private ContainerCells() {
    }

    static <T> TableColumn<ContainerRow, T> column(String title, String id, double width,
                                                   Function<ContainerRow, ObservableValue<T>> value) {
        TableColumn<ContainerRow, T> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    /** The name; a group header shows its chevron, project and count here. */
    static TableColumn<ContainerRow, String> name() {
        TableColumn<ContainerRow, String> c = column(T.get("containers.column.name"), "column-name", 220, ContainerRow::nameProperty);
        c.setCellFactory(col -> new TableCell<>() {
            private final InvalidationListener chevron = o -> paintChevron();
            private ContainerRow header;

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                ContainerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                ContainerRow now = row != null && row.isHeader() ? row : null;
                if (header != now) {
                    if (header != null) {
                        header.collapsedProperty().removeListener(chevron);
                    }
                    header = now;
                    if (header != null) {
                        header.collapsedProperty().addListener(chevron);
                    }
                }
                setText(empty ? null : text);
                paintChevron();
            }

            private void paintChevron() {
                setGraphic(header == null ? null
                        : (header.isCollapsed() ? AppIcon.COLLAPSED : AppIcon.EXPANDED).node(14));
            }
        });
        return c;
    }

    /** Plain text with the full text as tooltip, for columns that are often cut short (image, ports). */
    static TableColumn<ContainerRow, String> longText(String title, String id, double width,
                                                      Function<ContainerRow, ObservableValue<String>> value) {
        TableColumn<ContainerRow, String> c = column(title, id, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            private Tooltip tip;

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                tip = tip(this, tip, empty || text == null || text.isEmpty() ? null : text);
            }
        });
        return c;
    }

    /**
     * The state, coloured. Pseudo-classes rather than the shared {@code state-*} style classes: a style class change
     * makes JavaFX re-match the cell's CSS from scratch, and cells change rows on every keystroke of a search.
     */
    static TableColumn<ContainerRow, String> state() {
        TableColumn<ContainerRow, String> c = column(T.get("containers.column.state"), "column-state", 80, ContainerRow::stateProperty);
        c.setCellFactory(col -> new TableCell<>() {
            private PseudoClass shown;

            {
                getStyleClass().add("state-cell");
            }

            @Override
            protected void updateItem(String state, boolean empty) {
                super.updateItem(state, empty);
                setText(empty ? null : state);
                PseudoClass now = empty || state == null ? null : STATES.get(state);
                if (now != shown) {
                    if (shown != null) {
                        pseudoClassStateChanged(shown, false);
                    }
                    if (now != null) {
                        pseudoClassStateChanged(now, true);
                    }
                    shown = now;
                }
            }
        });
        return c;
    }

    /** "5 minutes ago", rewritten as {@code clock} ticks; sorts by the real time. */
    static TableColumn<ContainerRow, Long> created(ObservableValue<Instant> clock) {
        TableColumn<ContainerRow, Long> c = column(T.get("containers.column.created"), "column-created", 110, ContainerRow::createdProperty);
        c.setCellFactory(col -> new TableCell<>() {
            private final InvalidationListener tick = o -> render();
            private Tooltip tip;
            {
                // weak: cells the table discards must not be kept alive by the clock
                clock.addListener(new WeakInvalidationListener(tick));
            }

            @Override
            protected void updateItem(Long created, boolean empty) {
                super.updateItem(created, empty);
                render();
            }

            private void render() {
                Long created = isEmpty() ? null : getItem();
                setText(created == null ? null : ContainerFormat.ago(created, clock.getValue()));
                tip = tip(this, tip, created == null ? null : Instant.ofEpochSecond(created).toString());
            }
        });
        return c;
    }

    static TableColumn<ContainerRow, Double> cpu() {
        TableColumn<ContainerRow, Double> c = column(T.get("containers.column.cpu"), "column-cpu", 70, ContainerRow::cpuPercentProperty);
        c.setCellFactory(col -> rightAligned(ContainerFormat::cpu));
        return c;
    }

    static TableColumn<ContainerRow, Long> memory() {
        TableColumn<ContainerRow, Long> c = column(T.get("containers.column.memory"), "column-memory", 90, ContainerRow::memoryBytesProperty);
        c.setCellFactory(col -> rightAligned(ContainerFormat::bytes));
        return c;
    }

    /** Writable layer size, with the whole filesystem's size as tooltip. */
    static TableColumn<ContainerRow, Long> size() {
        TableColumn<ContainerRow, Long> c = column(T.get("containers.column.size"), "column-size", 90, ContainerRow::sizeRwProperty);
        c.setCellFactory(col -> new TableCell<>() {
            private Tooltip tip;

            @Override
            protected void updateItem(Long size, boolean empty) {
                super.updateItem(size, empty);
                ContainerRow row = empty ? null : getTableRow().getItem();
                setText(size == null ? null : ContainerFormat.bytes(size));
                Long virtual = row == null ? null : row.sizeRootFsProperty().get();
                tip = tip(this, tip, virtual == null ? null : T.get("containers.size.tooltip", ContainerFormat.bytes(virtual)));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** One tooltip per cell, re-texted: making tooltips while scrolling or filtering costs frames. */
    private static Tooltip tip(TableCell<?, ?> cell, Tooltip tip, String text) {
        if (text == null) {
            cell.setTooltip(null);
            return tip;
        }
        Tooltip t = tip == null ? new Tooltip() : tip;
        t.setText(text);
        cell.setTooltip(t);
        return t;
    }

    private static <T> TableCell<ContainerRow, T> rightAligned(Function<T, String> format) {
        TableCell<ContainerRow, T> cell = new TableCell<>() {
            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.apply(value));
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }
}
