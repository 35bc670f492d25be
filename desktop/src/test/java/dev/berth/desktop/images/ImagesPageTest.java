package dev.berth.desktop.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The images page of the whole app, driven with the robot, checked against the real test dockerd and registry. */
@ExtendWith(ApplicationExtension.class)
class ImagesPageTest {

    private static final TestEngine DOCKERD = TestEngines.current();

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> images = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        app.close();
        for (String c : containers) {
            DOCKERD.docker("rm", "-f", c);
        }
        for (String i : images) {
            DOCKERD.docker("rmi", "-f", i);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void listsTheTestImageAndSearchNarrowsIt(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        ImageRow busybox = UiSteps.awaitRow(table, ImagesPageTest::isBusybox);
        String id = client.images().inspect(Dockerd.BUSYBOX).id();
        assertEquals(id.substring("sha256:".length(), "sha256:".length() + 12), busybox.shortIdProperty().get());
        assertTrue(busybox.sizeProperty().get() > 1_000_000);

        robot.clickOn("#images-search").write("zz" + suffix);
        DesktopFixture.await(UiSteps.WAIT, () -> table.getItems().isEmpty());
        UiSteps.replaceText(robot, "#images-search", "busybox");
        DesktopFixture.await(UiSteps.WAIT, () -> table.getItems().stream().anyMatch(ImagesPageTest::isBusybox)
                && table.getItems().stream().allMatch(r -> r.repositoryProperty().get().contains("busybox")));
    }

    @Test
    void tagThroughTheDialogThenRemoveThatTag(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        String repo = "berth-ui-" + suffix;
        images.add(repo + ":v1");
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, ImagesPageTest::isBusybox));

        robot.clickOn("#images-tag");
        UiSteps.replaceText(robot, "#tag-target", "a b");
        Label error = robot.lookup("#tag-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("A reference cannot contain spaces", error.getText());
        assertTrue(robot.lookup("#tag-confirm").queryAs(Button.class).isDisabled());
        UiSteps.replaceText(robot, "#tag-target", repo + ":v1");
        assertFalse(error.isVisible());
        robot.clickOn("#tag-confirm");

        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#tag-dialog").tryQuery().isEmpty());
        assertEquals(client.images().inspect(Dockerd.BUSYBOX).id(), client.images().inspect(repo + ":v1").id());
        ImageRow tagged = UiSteps.awaitRow(table, r -> r.repositoryProperty().get().equals(repo));
        assertEquals("v1", tagged.tagProperty().get());

        UiSteps.clickRow(robot, table, tagged);
        robot.clickOn("#images-remove");
        robot.clickOn("#remove-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#remove-dialog").tryQuery().isEmpty());
        assertThrows(EngineApiException.NotFound.class, () -> client.images().inspect(repo + ":v1"));
        UiSteps.awaitNoRow(table, r -> r.repositoryProperty().get().equals(repo));
        assertTrue(app.context().notifier().notices().stream().anyMatch(n -> n.text().equals("Tagged "
                + Dockerd.BUSYBOX + " as " + repo + ":v1")));
        DesktopFixture.await(UiSteps.WAIT, () -> app.context().notifier().notices().stream()
                .anyMatch(n -> n.text().equals("Removed " + repo + ":v1")));
        client.images().inspect(Dockerd.BUSYBOX); // only the name went, not the image
    }

    @Test
    void removingAnImageAContainerUsesNeedsForceAndSaysWhy(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        String ref = "berth-ui-" + suffix + "/used:v1";
        images.add(ref);
        String container = "berth-ui-user-" + suffix;
        containers.add(container);
        DOCKERD.docker("run", "--name", container, Dockerd.BUSYBOX, "sh", "-c", "echo " + suffix + " > /mark")
                .requireSuccess("docker run");
        DOCKERD.docker("commit", container, ref).requireSuccess("docker commit");
        DOCKERD.docker("rm", container).requireSuccess("docker rm");
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        UiSteps.awaitRow(table, r -> r.reference().equals(ref) && !r.inUse());

        // "in use" follows containers made from outside the app
        DOCKERD.docker("create", "--name", container, ref, "true").requireSuccess("docker create");
        ImageRow used = UiSteps.awaitRow(table, r -> r.reference().equals(ref)
                && r.usedByProperty().get().equals(container));
        UiSteps.clickRow(robot, table, used);
        robot.type(KeyCode.DELETE);
        robot.clickOn("#remove-confirm");
        Label error = DesktopFixture.await(UiSteps.WAIT, () -> {
            Label l = robot.lookup("#remove-error").queryAs(Label.class);
            return l.isVisible() ? l : null;
        });
        assertTrue(error.getText().contains("conflict") || error.getText().contains("being used"), error.getText());
        client.images().inspect(ref);

        robot.clickOn("#remove-force");
        robot.clickOn("#remove-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#remove-dialog").tryQuery().isEmpty());
        assertThrows(EngineApiException.NotFound.class, () -> client.images().inspect(ref));
    }

    @Test
    void pruneDanglingRemovesAnUntaggedImageOnly(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        String container = "berth-ui-build-" + suffix;
        containers.add(container);
        DOCKERD.docker("run", "--name", container, Dockerd.BUSYBOX, "sh", "-c", "echo " + suffix + " > /mark")
                .requireSuccess("docker run");
        String dangling = DOCKERD.docker("commit", container).requireSuccess("docker commit").stdout().strip();
        images.add(dangling);
        DOCKERD.docker("rm", container).requireSuccess("docker rm");

        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        UiSteps.awaitRow(table, r -> r.imageId().equals(dangling) && !r.isTagged());
        robot.clickOn("#images-prune");
        assertTrue(robot.lookup("#prune-dangling").queryAs(javafx.scene.control.RadioButton.class).isSelected());
        robot.clickOn("#prune-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#prune-dialog").tryQuery().isEmpty());
        assertThrows(EngineApiException.NotFound.class, () -> client.images().inspect(dangling));
        UiSteps.awaitNoRow(table, r -> r.imageId().equals(dangling));
        client.images().inspect(Dockerd.BUSYBOX);
        DesktopFixture.await(UiSteps.WAIT, () -> app.context().notifier().notices().stream()
                .anyMatch(n -> n.text().startsWith("Pruned 1 image, reclaimed ")));
    }

    @Test
    void historyListsTheLayers(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, ImagesPageTest::isBusybox));
        robot.clickOn("#images-history");
        TableView<HistoryRow> history = DesktopFixture.await(UiSteps.WAIT,
                () -> robot.lookup("#history-table").tryQuery().isPresent()
                        ? robot.lookup("#history-table").<HistoryRow>queryTableView() : null);
        int layers = client.images().history(Dockerd.BUSYBOX).size();
        DesktopFixture.await(UiSteps.WAIT, () -> history.getItems().size() == layers);
        HistoryRow imported = history.getItems().get(history.getItems().size() - 1);
        assertTrue(imported.sizeProperty().get() > 1_000_000);
        assertEquals("Imported from -", imported.commentProperty().get());
        robot.clickOn("#history-close");
    }

    @Test
    void pullReportsTheRegistrysErrorInlineThenShowsProgressToTheEnd(FxRobot robot) {
        EngineClient client = app.awaitSession().client();
        String ref = DOCKERD.registry() + "/berth-ui-" + suffix + ":v1";
        images.add(ref);
        // a layer of its own, so the pull really downloads and extracts something
        String container = "berth-ui-build-" + suffix;
        containers.add(container);
        DOCKERD.docker("run", "--name", container, Dockerd.BUSYBOX, "sh", "-c", "head -c 2000000 /dev/urandom > /payload")
                .requireSuccess("docker run");
        DOCKERD.docker("commit", container, ref).requireSuccess("docker commit");
        DOCKERD.docker("push", ref).requireSuccess("docker push");
        DOCKERD.docker("rm", container).requireSuccess("docker rm");
        DOCKERD.docker("rmi", ref).requireSuccess("docker rmi");
        assertThrows(EngineApiException.NotFound.class, () -> client.images().inspect(ref));

        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        robot.clickOn("#images-pull");
        String missing = ref.substring(0, ref.length() - 2) + "no";
        UiSteps.replaceText(robot, "#pull-image", missing);
        robot.clickOn("#pull-auth-none");
        robot.clickOn("#pull-start");

        // a tag the registry does not have: the registry's own words, in the dialog
        Label error = DesktopFixture.await(UiSteps.WAIT, () -> {
            Label l = robot.lookup("#pull-error").queryAs(Label.class);
            return l.isVisible() && !l.getText().isEmpty() ? l : null;
        });
        String cli = DOCKERD.docker("pull", missing).stderr().strip();
        assertTrue(cli.endsWith(error.getText()), "CLI said: " + cli + " / dialog said: " + error.getText());
        assertTrue(error.getText().contains("manifest unknown"), error.getText());
        assertEquals("Failed", robot.lookup("#pull-status").queryAs(Label.class).getText());

        // fix the tag and pull again
        robot.clickOn("#pull-image").type(KeyCode.END).type(KeyCode.BACK_SPACE, 2).write("v1");
        robot.clickOn("#pull-start");
        ProgressBar overall = robot.lookup("#pull-overall").queryAs(ProgressBar.class);
        DesktopFixture.await(UiSteps.WAIT, () -> overall.getProgress() == 1.0
                && !robot.lookup("#pull-start").queryAs(Button.class).isDisabled());
        assertEquals("100 %", robot.lookup("#pull-percent").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#pull-status").queryAs(Label.class).getText().contains("Downloaded newer image"),
                robot.lookup("#pull-status").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#pull-error").queryAs(Label.class).isVisible());
        ListView<LayerProgress> layers = robot.lookup("#pull-layers").queryListView();
        assertEquals(2, layers.getItems().size(), "busybox's layer and the payload's");
        for (LayerProgress layer : layers.getItems()) {
            assertEquals(1.0, layer.fractionProperty().get(), layer.id() + " " + layer.statusProperty().get());
        }
        assertTrue(layers.getItems().stream().anyMatch(l -> l.statusProperty().get().equals("Pull complete")));
        assertTrue(layers.getItems().stream().anyMatch(l -> l.statusProperty().get().equals("Already exists")));

        client.images().inspect(ref);
        robot.clickOn("#pull-close");
        UiSteps.awaitRow(table, r -> r.reference().equals(ref));
        DesktopFixture.await(UiSteps.WAIT, () -> app.context().notifier().notices().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.INFO && n.text().equals("Pulled " + ref)));
    }

    @Test
    void pushTheSelectedImageToTheLocalRegistry(FxRobot robot) throws Exception {
        app.awaitSession();
        String repo = "berth-ui-" + suffix;
        String ref = DOCKERD.registry() + "/" + repo + ":v1";
        images.add(ref);
        DOCKERD.docker("tag", Dockerd.BUSYBOX, ref).requireSuccess("docker tag");
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.reference().equals(ref)));

        robot.clickOn("#images-push");
        assertEquals(ref, robot.lookup("#push-image").queryAs(javafx.scene.control.TextField.class).getText());
        robot.clickOn("#push-auth-none");
        robot.clickOn("#push-start");
        ProgressBar overall = robot.lookup("#push-overall").queryAs(ProgressBar.class);
        DesktopFixture.await(UiSteps.WAIT, () -> overall.getProgress() == 1.0
                && !robot.lookup("#push-start").queryAs(Button.class).isDisabled());
        assertFalse(robot.lookup("#push-error").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#push-status").queryAs(Label.class).getText().startsWith("Pushed " + ref + " (sha256:"));
        ListView<LayerProgress> layers = robot.lookup("#push-layers").queryListView();
        assertEquals(1, layers.getItems().size());
        robot.clickOn("#push-close");

        java.net.http.HttpResponse<String> tags = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://" + DOCKERD.registry() + "/v2/" + repo + "/tags/list")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tags.statusCode(), tags.body());
        assertTrue(tags.body().contains("\"v1\""), tags.body());
    }

    @Test
    void importARootfsTarWithNameAndCommand(FxRobot robot) throws Exception {
        EngineClient client = app.awaitSession().client();
        Path dir = Files.createTempDirectory("berth-ui-rootfs");
        Files.writeString(dir.resolve("hi"), suffix);
        // short, because the robot types it
        Path tar = Path.of("/tmp/" + suffix + ".tar");
        files.add(dir.resolve("hi"));
        files.add(dir);
        files.add(tar);
        Process p = new ProcessBuilder("tar", "-C", dir.toString(), "-cf", tar.toString(), ".").start();
        assertEquals(0, p.waitFor());
        String ref = "berth-ui-" + suffix + ":v1";
        images.add(ref);

        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        robot.clickOn("#images-import");
        robot.clickOn("#import-file").write(tar.toString());
        robot.clickOn("#import-ref").write(ref);
        robot.clickOn("#import-cmd").write("[\"/hi\"]");
        robot.clickOn("#import-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#import-dialog").tryQuery().isEmpty());
        assertEquals(List.of("/hi"), client.images().inspect(ref).config().cmd());
        UiSteps.awaitRow(table, r -> r.reference().equals(ref));
    }

    @Test
    void saveThenLoadRoundTripsAnImage(FxRobot robot) throws Exception {
        EngineClient client = app.awaitSession().client();
        String ref = "berth-ui-" + suffix + "/saved:v1";
        images.add(ref);
        DOCKERD.docker("tag", Dockerd.BUSYBOX, ref).requireSuccess("docker tag");
        TableView<ImageRow> table = UiSteps.open(robot, "images", "images-table");
        ImageRow row = UiSteps.awaitRow(table, r -> r.reference().equals(ref));
        ImagesView view = robot.lookup(n -> n instanceof ImagesView).queryAs(ImagesView.class);
        Path file = Files.createTempFile("berth-ui-saved", ".tar");
        files.add(file);

        robot.interact(() -> view.model().save(row, file));
        DesktopFixture.await(UiSteps.WAIT, () -> app.context().notifier().notices().stream()
                .anyMatch(n -> n.text().equals("Saved " + ref + " to " + file)));
        String listing = new String(new ProcessBuilder("tar", "-tf", file.toString()).start().getInputStream().readAllBytes());
        assertTrue(listing.contains("manifest.json"), listing);

        DOCKERD.docker("rmi", ref).requireSuccess("docker rmi");
        UiSteps.awaitNoRow(table, r -> r.reference().equals(ref));
        robot.interact(() -> view.model().load(file));
        UiSteps.awaitRow(table, r -> r.reference().equals(ref));
        assertEquals(client.images().inspect(Dockerd.BUSYBOX).id(), client.images().inspect(ref).id());
    }

    private static boolean isBusybox(ImageRow r) {
        return r.reference().equals(Dockerd.BUSYBOX);
    }
}
