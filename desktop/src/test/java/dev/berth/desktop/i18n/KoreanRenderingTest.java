package dev.berth.desktop.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.testing.DesktopFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window in Korean draws Hangul with real glyphs. A font without a glyph for a character (and no fallback
 * font that has one) draws the same "missing glyph" box for every such character, or nothing: so each Hangul
 * syllable shown is drawn alone in the font its node uses, and must leave ink, differ from the drawing of a code
 * point no font has, and differ from the other syllables.
 */
@Tag("dockerd-only") // how text is drawn does not depend on the engine
@ExtendWith(ApplicationExtension.class)
class KoreanRenderingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Unassigned in Unicode: no font has it, so it is drawn as the font's missing glyph. */
    private static final String NO_GLYPH = "\u0378";
    private static final String OTHER_NO_GLYPH = "\u0379";

    private DesktopFixture app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage, Locale.KOREAN);
    }

    @AfterEach
    void close() {
        app.close();
        Texts.useLocale(Locale.ENGLISH);
    }

    @Test
    void everyHangulTextOfTheMainWindowHasItsGlyphsInTheFontItIsDrawnWith(FxRobot robot) {
        app.awaitSession();
        Map<String, Font> shown = new LinkedHashMap<>();
        for (String page : List.of("dashboard", "networks", "volumes", "ports")) {
            robot.interact(() -> app.context().mainWindow().navigate(page));
            DesktopFixture.await(WAIT, () -> robot.lookup("#status-tasks").queryLabeled().getText().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> collect(stage.getScene().getRoot(), shown));
        }
        assertTrue(shown.containsKey("대시보드"), "the dashboard's title is Korean: " + shown.keySet());
        assertTrue(shown.keySet().stream().anyMatch(t -> t.startsWith("어두운 테마")), shown.keySet().toString());

        List<String> problems = new ArrayList<>();
        Map<String, Integer> checked = new HashMap<>();
        robot.interact(() -> {
            Map<Font, Set<Integer>> byFont = new LinkedHashMap<>();
            shown.forEach((text, font) -> text.codePoints().filter(KoreanRenderingTest::hangul)
                    .forEach(c -> byFont.computeIfAbsent(font, f -> new LinkedHashSet<>()).add(c)));
            byFont.forEach((font, chars) -> {
                int[] missing = draw(font, NO_GLYPH);
                if (!java.util.Arrays.equals(missing, draw(font, OTHER_NO_GLYPH))) {
                    problems.add("two code points without glyphs draw differently in " + font.getName()
                            + ": the comparison below would prove nothing");
                }
                Map<String, String> firstWithDrawing = new HashMap<>();
                for (int c : chars) {
                    String s = Character.toString(c);
                    int[] glyph = draw(font, s);
                    String where = "'" + s + "' in " + font.getName() + " " + font.getSize();
                    if (!hasInk(glyph)) {
                        problems.add(where + " draws nothing");
                    } else if (java.util.Arrays.equals(glyph, missing)) {
                        problems.add(where + " draws the missing-glyph box");
                    } else {
                        String same = firstWithDrawing.putIfAbsent(java.util.Arrays.toString(glyph), s);
                        if (same != null) {
                            problems.add(where + " draws the same as '" + same + "'");
                        }
                    }
                }
                checked.put(font.getName() + " " + font.getSize(), chars.size());
            });
        });
        System.out.println("Hangul syllables checked per font: " + checked);
        assertEquals(List.of(), problems, String.join("\n", problems));
        assertTrue(checked.values().stream().mapToInt(Integer::intValue).sum() >= 30,
                "enough distinct syllables were checked: " + checked);
    }

    private static void collect(Node node, Map<String, Font> shown) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && l.getText().codePoints().anyMatch(KoreanRenderingTest::hangul)) {
            shown.putIfAbsent(l.getText(), l.getFont());
        } else if (node instanceof Text t && t.getText() != null && t.getText().codePoints().anyMatch(KoreanRenderingTest::hangul)) {
            shown.putIfAbsent(t.getText(), t.getFont());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, shown));
        }
    }

    private static boolean hangul(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL;
    }

    /** The character drawn black on white, as ARGB pixels in a fixed-size frame. */
    private static int[] draw(Font font, String s) {
        Text text = new Text(2, 2, s);
        text.setFont(font);
        text.setFill(Color.BLACK);
        text.setTextOrigin(VPos.TOP);
        double side = Math.ceil(font.getSize() * 2.5);
        Pane frame = new Pane(text);
        frame.setMinSize(side, side);
        frame.setPrefSize(side, side);
        frame.setMaxSize(side, side);
        frame.resize(side, side);
        frame.setClip(new Rectangle(side, side));
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        WritableImage image = frame.snapshot(params, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return pixels;
    }

    private static boolean hasInk(int[] pixels) {
        for (int p : pixels) {
            if ((p & 0xFF) < 0x80) {
                return true;
            }
        }
        return false;
    }
}
