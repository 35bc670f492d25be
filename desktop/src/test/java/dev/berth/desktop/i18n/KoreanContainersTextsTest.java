package dev.berth.desktop.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.containers.ContainersView;
import dev.berth.desktop.containers.ContainersViewModel;
import dev.berth.desktop.containers.StateFilter;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Containers page built in Korean (no engine needed: what is checked is the page's own words): its toolbar,
 * columns, filter, menu, tooltips and placeholder read in Korean, and none of them is an English text of the bundle.
 */
@ExtendWith(ApplicationExtension.class)
class KoreanContainersTextsTest {

    private static final String BUNDLE = "dev.berth.desktop.containers.messages";

    private BackgroundExecutor background;
    private ContainersView view;

    @BeforeAll
    static void korean() {
        Texts.useLocale(Locale.KOREAN);
    }

    @AfterAll
    static void english() {
        Texts.useLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        background = new BackgroundExecutor();
        view = new ContainersView(new ContainersViewModel(background, new Notifier()), List::of);
        stage.setScene(new Scene(view, 1400, 500));
        stage.show();
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void toolbarColumnsAndFilterAreKorean(FxRobot robot) {
        assertEquals("실행…", robot.lookup("#containers-run").queryAs(Button.class).getText());
        assertEquals("그룹", robot.lookup("#containers-group").queryAs(Labeled.class).getText());
        assertEquals("크기", robot.lookup("#containers-sizes").queryAs(Labeled.class).getText());
        assertEquals("정리", robot.lookup("#containers-prune").queryAs(Button.class).getText());
        assertTrue(robot.lookup("#containers-stop").queryAs(Button.class).getTooltip().getText().startsWith("선택 항목 중지"));
        assertTrue(robot.lookup("#containers-search").queryAs(TextInputControl.class).getPromptText().startsWith("검색"));

        TableView<?> table = robot.lookup("#containers-table").queryAs(TableView.class);
        assertEquals(List.of("이름", "이미지", "상태", "상태 설명", "포트", "생성", "CPU", "메모리", "크기"),
                table.getColumns().stream().map(c -> c.getText()).toList());

        ComboBox<?> filter = robot.lookup("#containers-state-filter").queryAs(ComboBox.class);
        assertEquals(List.of("전체", "실행 중", "일시 중지됨", "종료됨", "생성됨"),
                filter.getItems().stream().map(Object::toString).toList());
        assertEquals("전체", StateFilter.ALL.toString());

        assertEquals("컨테이너 0개 · 0개 실행 중", robot.lookup("#containers-summary").queryAs(Labeled.class).getText());
        assertEquals("이 엔진에는 아직 컨테이너가 없습니다.", ((Labeled) table.getPlaceholder()).getText());
        assertEquals(List.of("상세 정보 열기", "", "시작", "중지", "재시작", "일시 중지", "재개", "강제 종료", "삭제…", "",
                        "이름 복사", "ID 복사", "", "중지된 컨테이너 정리…"),
                table.getContextMenu().getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList());
    }

    @Test
    void noEnglishTextOfTheBundleIsShown(FxRobot robot) {
        ResourceBundle english = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        ResourceBundle korean = ResourceBundle.getBundle(BUNDLE, Locale.KOREAN,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // English texts with letters in them that Korean says otherwise ("CPU" is the same in both)
        Map<String, String> englishOnly = new TreeMap<>();
        for (String key : english.keySet()) {
            String en = english.getString(key);
            if (en.chars().anyMatch(Character::isLetter) && !en.equals(korean.getString(key))) {
                englishOnly.put(en, key);
            }
        }
        List<String> shown = shownTexts(view, robot);
        assertTrue(shown.size() > 30, "the page shows its words: " + shown);
        for (String text : shown) {
            assertFalse(englishOnly.containsKey(text), "English \"" + text + "\" (" + englishOnly.get(text)
                    + ") on the Korean page");
            if (text.chars().anyMatch(Character::isLetter) && !text.equals("CPU")) {
                assertTrue(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL),
                        "not Korean: \"" + text + "\"");
            }
        }
    }

    /** Every word the page puts on screen or in a tooltip, prompt, accessible text, column header or menu item. */
    private static List<String> shownTexts(Parent root, FxRobot robot) {
        List<String> texts = new ArrayList<>();
        robot.interact(() -> collect(root, texts));
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled l) {
            add(texts, l.getText());
        }
        if (node instanceof TextInputControl t) {
            add(texts, t.getPromptText());
        }
        if (node instanceof Control c) {
            if (c.getTooltip() != null) {
                add(texts, c.getTooltip().getText());
            }
            if (c.getContextMenu() != null) {
                for (MenuItem item : c.getContextMenu().getItems()) {
                    add(texts, item.getText());
                }
            }
        }
        add(texts, node.getAccessibleText());
        if (node instanceof TableView<?> table) {
            table.getColumns().forEach(c -> add(texts, c.getText()));
            if (table.getPlaceholder() != null) {
                collect(table.getPlaceholder(), texts);
            }
        }
        if (node instanceof ComboBox<?> combo) {
            combo.getItems().forEach(i -> add(texts, i.toString()));
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    private static void add(List<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text);
        }
    }
}
