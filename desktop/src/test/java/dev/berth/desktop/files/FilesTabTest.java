package dev.berth.desktop.files;


import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files tab against the real test dockerd: browse, upload, download, on running and stopped containers. */
@ExtendWith(ApplicationExtension.class)
class FilesTabTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private DesktopFixture app;
    private Stage stage;
    private FilesTab tab;
    private final PresetChooser chooser = new PresetChooser();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (tab != null) {
                WaitForAsyncUtils.asyncFx(tab::close).get();
            }
        } finally {
            app.tearDown();
        }
    }

    @Test
    void uploadedFolderIsListedAndDownloadsByteForByte(FxRobot robot) throws IOException {
        String name = app.container("run", "-d", Dockerd.BUSYBOX, "sleep", "300");
        String folder = "berth-ui-up-" + UUID.randomUUID().toString().substring(0, 6);
        Path upload = Files.createDirectories(temp.resolve("local").resolve(folder));
        byte[] text = "hello from the host\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[200_000];
        new Random(7).nextBytes(binary);
        Files.write(upload.resolve("a.txt"), text);
        Files.write(upload.resolve("b.bin"), binary);

        openTab(name);
        awaitRow("tmp");
        robot.clickOn("#files-path").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("/tmp").type(KeyCode.ENTER);
        awaitListed("/tmp");

        chooser.folder = upload;
        robot.clickOn("#files-upload").clickOn("#files-upload-folder");
        awaitNotice("Uploaded " + folder + " to /tmp.");
        FileRow uploaded = awaitRow(folder);
        assertEquals(FileEntry.Kind.DIRECTORY, uploaded.entry().kind());
        assertEquals("hello from the host\n", app.dockerd().docker("exec", name, "cat", "/tmp/" + folder + "/a.txt").stdout(),
                "the engine has the file");

        shown(robot, folder).doubleClickOn(folder);
        awaitListed("/tmp/" + folder);
        assertEquals(binary.length, awaitRow("b.bin").entry().size());
        assertEquals(text.length, awaitRow("a.txt").entry().size());
        assertEquals("-rw-r--r--", awaitRow("a.txt").entry().modeText());
        assertEquals(2, rows().size());

        robot.clickOn("#files-up");
        awaitListed("/tmp");
        shown(robot, folder).clickOn(folder);
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        chooser.downloadTo = downloads;
        robot.clickOn("#files-download");
        awaitNotice("Downloaded /tmp/" + folder + " to " + downloads + ".");
        assertArrayEquals(text, Files.readAllBytes(downloads.resolve(folder).resolve("a.txt")));
        assertArrayEquals(binary, Files.readAllBytes(downloads.resolve(folder).resolve("b.bin")));
        try (var listing = Files.list(downloads.resolve(folder))) {
            assertEquals(2, listing.count(), "exactly the two files came back");
        }
    }

    @Test
    void stoppedContainerIsBrowsedThroughTheArchive(FxRobot robot) {
        String name = app.container("run", Dockerd.BUSYBOX, "sh", "-c",
                "mkdir -p /data/sub && printf abc > /data/note.txt && chmod 640 /data/note.txt"
                        + " && ln -s note.txt /data/link && ln -s sub /data/sublink");
        assertEquals("exited", app.dockerd().docker("inspect", "-f", "{{.State.Status}}", name).stdout().strip());

        openTab(name);
        assertEquals(FileEntry.Kind.DIRECTORY, awaitRow("bin").entry().kind());
        awaitRow("etc");
        shown(robot, "data").doubleClickOn("data");
        awaitListed("/data");
        FileEntry note = awaitRow("note.txt").entry();
        assertEquals(3, note.size());
        assertEquals("-rw-r-----", note.modeText());
        assertEquals("note.txt", awaitRow("link").entry().linkTarget());
        assertEquals(FileEntry.Kind.DIRECTORY, awaitRow("sub").entry().kind());

        shown(robot, "link").doubleClickOn("link");
        awaitStatus("link points to a file");
        shown(robot, "sublink").doubleClickOn("sublink");
        awaitListed("/data/sub");
        robot.clickOn("#files-table").type(KeyCode.BACK_SPACE);
        awaitListed("/data");

        robot.clickOn("#files-path").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("/no/such/place").type(KeyCode.ENTER);
        awaitStatus("Cannot open /no/such/place: it does not exist in this container.");
        assertTrue(rows().isEmpty());
    }

    private void openTab(String container) {
        tab = app.host(() -> new FilesTab(app.context().background(), app.context().notifier(), chooser), container);
    }

    /** Waits until the table shows a cell with this text: rows are in the model a layout pulse before they are drawn. */
    private static FxRobot shown(FxRobot robot, String text) {
        DesktopFixture.await(PATIENCE, () -> robot.lookup(text).tryQuery().isPresent());
        return robot;
    }

    @SuppressWarnings("unchecked")
    private List<FileRow> rows() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> List.copyOf(
                    ((TableView<FileRow>) stage.getScene().lookup("#files-table")).getItems())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private FileRow awaitRow(String name) {
        return DesktopFixture.await(PATIENCE,
                () -> rows().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null));
    }

    private void awaitListed(String path) {
        DesktopFixture.await(PATIENCE, () -> tab.model().pathProperty().get().equals(path)
                && !tab.model().loadingProperty().get());
        assertEquals("", tab.model().statusProperty().get());
    }

    private void awaitStatus(String text) {
        try {
            DesktopFixture.await(PATIENCE, () -> tab.model().statusProperty().get().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError("status never said \"" + text + "\" but: " + tab.model().statusProperty().get(), e);
        }
    }

    private void awaitNotice(String text) {
        try {
            DesktopFixture.await(PATIENCE, () -> app.context().notifier().notices().stream()
                    .anyMatch(n -> n.text().contains(text)));
        } catch (AssertionError e) {
            throw new AssertionError("no notice \"" + text + "\" among " + app.context().notifier().notices(), e);
        }
        assertTrue(app.context().notifier().notices().stream().noneMatch(n -> n.kind() == Notifier.Kind.ERROR
                && (n.text().startsWith("Upload") || n.text().startsWith("Download"))), app.context().notifier().notices().toString());
    }

    /** Hands out the paths a test set instead of opening native dialogs. */
    private static final class PresetChooser implements LocalPathChooser {

        volatile Path folder;
        volatile Path downloadTo;

        @Override
        public List<Path> filesToUpload(Window owner) {
            return List.of();
        }

        @Override
        public Optional<Path> folderToUpload(Window owner) {
            return Optional.ofNullable(folder);
        }

        @Override
        public Optional<Path> downloadFolder(Window owner) {
            return Optional.ofNullable(downloadTo);
        }
    }
}
