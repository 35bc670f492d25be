package dev.berth.desktop.resources;

import dev.berth.desktop.testing.DesktopFixture;
import java.time.Duration;
import java.util.function.Predicate;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/** Robot steps the list-page tests share: navigate, find a row, click it, replace a field's text. */
public final class UiSteps {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private UiSteps() {
    }

    /** Opens a page from the navigation list and waits for its table to be on screen. */
    public static <R> TableView<R> open(FxRobot robot, String pageId, String tableId) {
        // the navigation list may be shorter than its pages: scroll the entry into view, then click it
        javafx.scene.control.ListView<?> navigation = robot.lookup("#navigation").queryListView();
        robot.interact(() -> navigation.getItems().stream()
                .filter(p -> ((dev.berth.desktop.shell.Page) p).id().equals(pageId)).findFirst()
                .ifPresent(p -> navigation.scrollTo(navigation.getItems().indexOf(p))));
        robot.clickOn("#nav-" + pageId);
        return DesktopFixture.await(WAIT, () -> {
            @SuppressWarnings("unchecked")
            TableView<R> table = robot.lookup("#" + tableId).tryQueryAs(TableView.class).orElse(null);
            return table != null && table.getScene() != null ? table : null;
        });
    }

    /** Waits until the table shows a row matching {@code match}, and returns it. */
    public static <R> R awaitRow(TableView<R> table, Predicate<R> match) {
        return DesktopFixture.await(WAIT, () -> table.getItems().stream().filter(match).findFirst().orElse(null));
    }

    /** Waits until no row matches. */
    public static <R> void awaitNoRow(TableView<R> table, Predicate<R> match) {
        DesktopFixture.await(WAIT, () -> table.getItems().stream().noneMatch(match));
    }

    /** Clicks the row showing {@code item}, scrolling to it first, as a user would select it. */
    public static <R> void clickRow(FxRobot robot, TableView<R> table, R item) {
        robot.interact(() -> table.scrollTo(item));
        TableRow<?> row = DesktopFixture.await(WAIT, () -> robot.from(table).lookup(".table-row-cell")
                .queryAllAs(TableRow.class).stream().filter(r -> r.getItem() == item).findFirst().orElse(null));
        robot.clickOn(row);
        DesktopFixture.await(WAIT, () -> table.getSelectionModel().getSelectedItem() == item);
    }

    /** Empties a field (whatever it was prefilled with) and types {@code text} into it. */
    public static void replaceText(FxRobot robot, String fieldQuery, String text) {
        TextField field = DesktopFixture.await(WAIT, () -> robot.lookup(fieldQuery).tryQueryAs(TextField.class).orElse(null));
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
    }
}
