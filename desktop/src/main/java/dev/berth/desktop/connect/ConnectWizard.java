package dev.berth.desktop.connect;

import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.DockerContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Connect to engine…": each {@link #open} shows a new connect window. A saved connection goes into the store and,
 * through {@code onSaved}, into the engines list at once.
 */
public final class ConnectWizard {

    private static final Texts T = Texts.of(ConnectWizard.class);

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final SavedConnections store;
    private final DockerContexts contexts;
    private final ObservableValue<Path> latestCertificates;
    private final Consumer<EngineEntry> onSaved;
    private final Clock clock;

    /**
     * @param contexts           the docker CLI's contexts, offered as starting points
     * @param latestCertificates the folder the certificate wizard wrote last (null inside until it ran)
     * @param onSaved            receives the entry of each saved connection, on the FX thread
     */
    public ConnectWizard(BackgroundExecutor background, Notifier notifier, SavedConnections store,
                         DockerContexts contexts, ObservableValue<Path> latestCertificates,
                         Consumer<EngineEntry> onSaved, Clock clock) {
        this.background = background;
        this.notifier = notifier;
        this.store = store;
        this.contexts = contexts;
        this.latestCertificates = latestCertificates;
        this.onSaved = onSaved;
        this.clock = clock;
    }

    /** Opens an empty wizard, modal to {@code owner} (may be null); returns its window. */
    public Stage open(Window owner) {
        return open(owner, null, null);
    }

    /**
     * Opens the wizard filled with an address and a certificate folder (either may be null), as the certificate
     * wizard does for the engine it just made certificates for.
     */
    public Stage open(Window owner, String address, Path certificateFolder) {
        ConnectViewModel vm = new ConnectViewModel(background, notifier, store, contexts, latestCertificates, onSaved,
                clock);
        vm.prefill(address, certificateFolder);
        ConnectView view = new ConnectView(vm);
        Stage stage = new Stage();
        stage.setTitle(T.get("connect.title"));
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(view, 820, 640);
        WizardForms.style(scene, owner);
        stage.setScene(scene);
        view.setOnClose(stage::close);
        vm.activate();
        stage.show();
        return stage;
    }
}
