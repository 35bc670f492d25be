package dev.berth.desktop.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.files.FileRow;
import dev.berth.desktop.files.LocalPathChooser;
import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Volumes page against the real test dockerd: create through the dialog, size and users after a container
 * wrote into the volume, browsing its files through a helper container (and downloading one), the helper gone when
 * the browser closes; remove (refused while in use) and prune. The page is shown as the whole window, with a preset
 * download folder instead of the native folder dialog.
 */
// runs containers with volumes on the default bridge: dockerd only for now, as the other networking tests
@ExtendWith(ApplicationExtension.class)
class VolumesPageTest {

    @TempDir
    Path temp;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> volumes = new ArrayList<>();
    private final PresetChooser chooser = new PresetChooser();
    private DesktopFixture app;
    private Stage stage;
    private Page page;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (page != null) {
                WaitForAsyncUtils.asyncFx(page::hide).get(30, TimeUnit.SECONDS);
            }
            app.tearDown();
        } finally {
            for (String v : volumes) {
                for (String helper : helpers(v).split("\\s+")) {
                    if (!helper.isEmpty()) {
                        app.dockerd().docker("rm", "-f", helper);
                    }
                }
                app.dockerd().docker("volume", "rm", "-f", v);
            }
        }
    }

    private String volume(String what) {
        String name = "berth-ui-" + what + "-" + suffix;
        volumes.add(name);
        return name;
    }

    @SuppressWarnings("unchecked")
    private TableView<VolumeRow> showPage(FxRobot robot) throws Exception {
        EngineSession session = app.awaitSession();
        page = WaitForAsyncUtils.asyncFx(() -> {
            Page p = VolumesPage.create(app.context().background(), app.context().notifier(), chooser);
            stage.getScene().setRoot((Parent) p.view());
            p.show(session);
            return p;
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#volumes-table").queryAs(TableView.class);
    }

    private String helpers(String volume) {
        return app.dockerd().docker("ps", "-a", "-q", "--filter", "label=" + VolumeBrowsing.LABEL + "=" + volume)
                .requireSuccess("docker ps").stdout().strip();
    }

    @Test
    void createdVolumeShowsSizeAndUserAndItsFilesBrowseAndDownload(FxRobot robot) throws Exception {
        String vol = volume("data");
        TableView<VolumeRow> table = showPage(robot);

        robot.clickOn("#volumes-create");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-create-dialog").tryQuery().orElse(null));
        robot.clickOn("#volume-name").write(vol);
        robot.clickOn("#volume-labels").write("dev.berth.test=netvol");
        robot.clickOn("#volume-create-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-create-dialog").tryQuery().isEmpty());
        assertEquals("local netvol", app.dockerd().docker("volume", "inspect", "-f",
                "{{.Driver}} {{index .Labels \"dev.berth.test\"}}", vol).requireSuccess("docker volume inspect")
                .stdout().strip());
        VolumeRow row = UiSteps.awaitRow(table, r -> r.name().equals(vol));
        assertFalse(row.inUse());

        String text = "hello from a container";
        String writer = app.container("run", "-v", vol + ":/data", Dockerd.BUSYBOX, "sh", "-c",
                "mkdir -p /data/sub && printf '" + text + "' > /data/sub/greeting.txt");
        UiSteps.awaitRow(table, r -> r.name().equals(vol) && r.usedByProperty().get().equals(writer)
                && r.sizeProperty().get() >= text.length());

        // a helper left behind by a browser that never closed (the app was killed) goes when the next one opens
        String leftover = app.dockerd().docker("create", "--label", VolumeBrowsing.LABEL + "=" + vol,
                "-v", vol + ":/volume:ro", Dockerd.BUSYBOX).requireSuccess("docker create").stdout().strip();
        UiSteps.clickRow(robot, table, row);
        robot.clickOn("#volumes-browse");
        Label about = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-browser-about")
                .tryQueryAs(Label.class).orElse(null));
        assertTrue(about.getText().contains(vol), about.getText());
        String helper = helpers(vol);
        assertFalse(helper.isEmpty(), "a helper container carries the volume's label");
        assertFalse(helper.contains("\n"), "one helper: the leftover was removed, " + helper);
        assertTrue(app.dockerd().docker("inspect", leftover).exitCode() != 0, "the leftover helper is gone");
        assertEquals("created", app.dockerd().docker("inspect", "-f", "{{.State.Status}}", helper).stdout().strip(),
                "the helper is never started");
        assertEquals("true", app.dockerd().docker("inspect", "-f", "{{range .Mounts}}{{if not .RW}}true{{end}}{{end}}",
                helper).stdout().strip(), "the volume is mounted read-only");

        @SuppressWarnings("unchecked")
        TableView<FileRow> files = robot.lookup("#files-table").queryAs(TableView.class);
        FileRow sub = UiSteps.awaitRow(files, f -> f.name().equals("sub"));
        assertTrue(sub.entry().isDirectory());
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("sub").tryQuery().isPresent());
        robot.doubleClickOn("sub");
        FileRow greeting = UiSteps.awaitRow(files, f -> f.name().equals("greeting.txt"));
        assertEquals(text.length(), greeting.entry().size());
        assertEquals("-rw-r--r--", greeting.entry().modeText());
        assertTrue(greeting.entry().modified() != null);

        // up from the volume's root stays in the volume, never shows the helper's own file system
        robot.clickOn("#files-up");
        UiSteps.awaitRow(files, f -> f.name().equals("sub"));
        robot.clickOn("#files-up");
        DesktopFixture.await(UiSteps.WAIT, () -> files.getItems().stream().anyMatch(f -> f.name().equals("sub"))
                && files.getItems().stream().noneMatch(f -> f.name().equals("bin")));
        robot.doubleClickOn("sub");
        greeting = UiSteps.awaitRow(files, f -> f.name().equals("greeting.txt"));

        UiSteps.clickRow(robot, files, greeting);
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        chooser.downloadTo = downloads;
        robot.clickOn("#files-download");
        Path copy = downloads.resolve("greeting.txt");
        DesktopFixture.await(UiSteps.WAIT, () -> Files.exists(copy) && Files.size(copy) == text.length());
        assertEquals(text, Files.readString(copy, StandardCharsets.UTF_8));

        Window browser = about.getScene().getWindow();
        robot.interact(() -> ((Stage) browser).close());
        DesktopFixture.await(UiSteps.WAIT, () -> helpers(vol).isEmpty());
        assertTrue(app.dockerd().docker("inspect", helper).exitCode() != 0, "the helper container is gone");
    }

    @Test
    void removeIsRefusedWhileInUseAndPruneRemovesUnusedVolumes(FxRobot robot) throws Exception {
        String used = volume("used");
        String unused = volume("unused");
        app.dockerd().docker("volume", "create", used).requireSuccess("docker volume create");
        app.dockerd().docker("volume", "create", unused).requireSuccess("docker volume create");
        String user = app.container("create", "-v", used + ":/data", Dockerd.BUSYBOX);
        TableView<VolumeRow> table = showPage(robot);

        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.name().equals(used) && r.inUse()));
        robot.clickOn("#volumes-remove");
        Label inUse = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-remove-in-use")
                .tryQueryAs(Label.class).orElse(null));
        assertTrue(inUse.getText().contains(user), inUse.getText());
        robot.clickOn("#volume-remove-confirm");
        Label refusal = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-remove-error")
                .tryQueryAs(Label.class).filter(Node::isVisible).orElse(null));
        assertTrue(refusal.getText().contains("in use"), refusal.getText());
        robot.clickOn("#volume-cancel");
        assertEquals(0, app.dockerd().docker("volume", "inspect", used).exitCode());

        app.dockerd().docker("rm", user).requireSuccess("docker rm");
        VolumeRow free = UiSteps.awaitRow(table, r -> r.name().equals(used) && !r.inUse());
        UiSteps.clickRow(robot, table, free);
        robot.type(javafx.scene.input.KeyCode.DELETE);
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#volume-remove-dialog").tryQuery().orElse(null));
        robot.clickOn("#volume-remove-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> app.dockerd().docker("volume", "inspect", used).exitCode() != 0);
        UiSteps.awaitNoRow(table, r -> r.name().equals(used));

        robot.clickOn("#volumes-prune");
        robot.clickOn("#volume-prune-all");
        robot.clickOn("#volume-prune-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> app.dockerd().docker("volume", "inspect", unused).exitCode() != 0);
        UiSteps.awaitNoRow(table, r -> r.name().equals(unused));
    }

    /** Downloads go to a folder the test chose; nothing is uploaded. */
    private static final class PresetChooser implements LocalPathChooser {

        volatile Path downloadTo;

        @Override
        public List<Path> filesToUpload(Window owner) {
            return List.of();
        }

        @Override
        public Optional<Path> folderToUpload(Window owner) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> downloadFolder(Window owner) {
            return Optional.ofNullable(downloadTo);
        }
    }
}
