package dev.berth.desktop.fx;


import dev.berth.icons.AppIcon;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A toolbar that fits: whole labels when there is room, icons only when there is not, never "…". */
@ExtendWith(ApplicationExtension.class)
class RowsTest {

    private List<Button> buttons;
    private Label label;
    private TextField search;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        buttons = List.of(new Button("Timestamps", AppIcon.TIMESTAMPS.node(16)),
                new Button("Follow", AppIcon.FOLLOW.node(16)), new Button("Save…", AppIcon.SAVE.node(16)));
        label = new Label("Tail");
        search = new TextField();
        search.setPrefWidth(300);
        HBox row = new HBox(6, label, search);
        row.getChildren().addAll(buttons);
        Rows.keepLabelsWhole(row);
        stage.setScene(new Scene(new StackPane(row), 900, 80));
        stage.show();
    }

    @Test
    void labelsStayWholeThenTurnIntoIconsThenComeBack(FxRobot robot) {
        assertFull();

        // a little narrower: the search field gives way first
        resize(robot, 560);
        assertFull();
        assertTrue(search.getWidth() < 300, "the field shrank: " + search.getWidth());

        // too narrow for every label: icons only, each still at its whole (icon) width
        resize(robot, 330);
        for (Button b : buttons) {
            assertEquals(ContentDisplay.GRAPHIC_ONLY, b.getContentDisplay(), b.getText());
            assertTrue(b.getWidth() >= b.prefWidth(-1) - 1, b.getText() + " " + b.getWidth());
        }
        assertTrue(label.getWidth() >= label.prefWidth(-1) - 1, "a plain label stays whole");

        resize(robot, 900);
        assertFull();
    }

    private void assertFull() {
        for (Button b : buttons) {
            assertEquals(ContentDisplay.LEFT, b.getContentDisplay(), b.getText());
            assertTrue(b.getWidth() >= b.prefWidth(-1) - 1, b.getText() + " is whole: " + b.getWidth());
        }
    }

    private void resize(FxRobot robot, double width) {
        robot.interact(() -> stage.setWidth(width));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { }); // one more pulse: the row refits after the layout the resize caused
        WaitForAsyncUtils.waitForFxEvents();
    }
}
