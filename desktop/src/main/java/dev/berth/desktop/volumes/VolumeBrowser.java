package dev.berth.desktop.volumes;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.files.FilesTab;
import dev.berth.desktop.files.LocalPathChooser;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window browsing one volume's files read-only (name, size, mode, modified; download files and folders), through
 * a helper container made for it (see {@link VolumeBrowsing}). The helper is removed when the window closes, and
 * at once when opening fails half-way.
 */
final class VolumeBrowser {

    private static final Texts T = Texts.of(VolumeBrowser.class);
    /** Helpers of the browsers open in this app, which a new browser must not take for leftovers. */
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final LocalPathChooser chooser;

    VolumeBrowser(BackgroundExecutor background, Notifier notifier, LocalPathChooser chooser) {
        this.background = background;
        this.notifier = notifier;
        this.chooser = chooser;
    }

    /** Creates the helper in the background, then opens the window over {@code owner}. */
    void open(Node owner, EngineSession session, VolumeRow row) {
        EngineClient client = session.client();
        String volume = row.name();
        var preferred = row.images();
        background.submit(T.get("job.open", volume), () -> {
            VolumeBrowsing.Helper helper = VolumeBrowsing.open(client, volume, preferred, Set.copyOf(OPEN));
            OPEN.add(helper.containerId());
            return helper;
        }).onSuccess(helper -> {
            try {
                show(owner, session, volume, helper);
            } catch (RuntimeException e) {
                removeHelper(client, helper.containerId());
                notifier.error(T.get("job.open", volume), e);
            }
        }).onFailure(e -> notifier.error(T.get("job.open", volume), e));
    }

    private void show(Node owner, EngineSession session, String volume, VolumeBrowsing.Helper helper) {
        FilesTab files = new FilesTab(background, notifier, chooser);
        Label about = new Label(T.get("browse.about", volume, VolumeBrowsing.MOUNT, helper.image()));
        about.setId("volume-browser-about");
        about.getStyleClass().add(Styles.TEXT_MUTED);
        about.setWrapText(true);
        BorderPane root = new BorderPane(files.view());
        root.setId("volume-browser");
        root.setTop(about);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(about, new Insets(0, 0, 8, 0));
        Stage stage = new Stage();
        stage.setTitle(T.get("browse.title", volume));
        Scene scene = new Scene(root, 860, 560);
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            stage.initOwner(window);
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            files.close();
            removeHelper(session.client(), helper.containerId());
        });
        files.open(session, helper.containerId());
        files.model().navigate(VolumeBrowsing.MOUNT);
        // the helper's own file system is not what was asked for: going up from the volume, or following a link
        // out of it, comes back to the volume
        files.model().pathProperty().addListener((obs, old, now) -> {
            if (!now.equals(VolumeBrowsing.MOUNT) && !now.startsWith(VolumeBrowsing.MOUNT + "/")) {
                Platform.runLater(() -> files.model().navigate(VolumeBrowsing.MOUNT));
            }
        });
        stage.show();
    }

    private void removeHelper(EngineClient client, String containerId) {
        background.submit(T.get("job.close"), () -> {
            try {
                VolumeBrowsing.close(client, containerId);
            } finally {
                OPEN.remove(containerId);
            }
            return null;
        }).onFailure(e -> notifier.error(T.get("job.close"), e));
    }
}
