package dev.berth.desktop.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.testing.DesktopFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The user guide's Korean screenshot: the main window in Korean on a real X server (run under Xvfb by
 * {@code docs/screenshots.sh}), captured from the screen, so that it shows the fonts fontconfig really gives JavaFX
 * for Hangul. Not part of the suite (the name does not end in Test). Output: {@code -Dberth.screenshots=DIR}, else
 * docs/images.
 */
@Tag("dockerd-only")
@ExtendWith(ApplicationExtension.class)
class KoreanScreenshot {

    static {
        // the suite's headless Monocle toolkit draws with its own software path; a screenshot for people wants the
        // real one: GTK on the X server that docs/screenshots.sh starts
        if (System.getenv("DISPLAY") != null) {
            System.setProperty("testfx.headless", "false");
            System.setProperty("glass.platform", "gtk");
            System.clearProperty("monocle.platform");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path out = Path.of(System.getProperty("berth.screenshots", "../docs/images"));
    private DesktopFixture app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setTitle("Berth");
        app = DesktopFixture.show(stage, Locale.KOREAN);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void close() {
        app.close();
        Texts.useLocale(Locale.ENGLISH);
    }

    @Test
    void koreanMainWindow(FxRobot robot) throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "run under an X server: docs/screenshots.sh uses xvfb-run");
        app.awaitSession();
        robot.interact(() -> app.context().mainWindow().navigate("dashboard"));
        DesktopFixture.await(WAIT, () -> robot.lookup("#dashboard-df-images-size").tryQuery().isPresent());
        DesktopFixture.await(WAIT, () -> robot.lookup("#status-tasks").queryLabeled().getText().isEmpty());
        // the test engine's data root is a temporary folder: show the usual one
        robot.interact(() -> robot.lookup("#dashboard-root").queryLabeled().setText("/var/lib/docker"));
        Thread.sleep(1500); // the last layout pass and repaint reach the X server
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = new Robot().getScreenCapture(null,
                new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()), false));
        Files.createDirectories(out);
        ImageIO.write(toBufferedImage(shot[0]), "png", out.resolve("korean-main-window.png").toFile());
    }

    private static BufferedImage toBufferedImage(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, w, h, pixels, 0, w);
        return buffered;
    }
}
