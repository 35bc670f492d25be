package dev.berth.desktop.tlswizard;

import dev.berth.desktop.connect.WizardForms;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.tls.TlsBundleGenerator;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import javafx.beans.value.WritableValue;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Generate TLS certificates…": each {@link #open} shows a new certificate wizard window. It makes a CA, a server
 * and a client certificate (or issues one more client certificate from an existing CA), shows how to use them and can
 * store a docker context for them.
 */
public final class TlsWizard {

    private static final Texts T = Texts.of(TlsWizard.class);

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final DockerContexts contexts;
    private final TlsBundleGenerator generator;
    private final Path certificatesRoot;
    private final WritableValue<Path> latestCertificates;
    private final BiConsumer<String, Path> connect;

    /**
     * @param contexts           the docker CLI's context store, for "Create docker context"
     * @param certificatesRoot   where output folders are proposed (one per host inside), or null to ask
     * @param latestCertificates receives each run's output folder (offered by the connect wizard)
     * @param connect            opens the connect wizard for an address and a certificate folder, or null
     */
    public TlsWizard(BackgroundExecutor background, Notifier notifier, DockerContexts contexts,
                     TlsBundleGenerator generator, Path certificatesRoot, WritableValue<Path> latestCertificates,
                     BiConsumer<String, Path> connect) {
        this.background = background;
        this.notifier = notifier;
        this.contexts = contexts;
        this.generator = generator;
        this.certificatesRoot = certificatesRoot;
        this.latestCertificates = latestCertificates;
        this.connect = connect;
    }

    /** Opens the wizard for CA, server and client certificates, modal to {@code owner} (may be null). */
    public Stage open(Window owner) {
        return open(owner, false);
    }

    /** @param clientOnly start in "another client certificate from an existing CA" mode */
    public Stage open(Window owner, boolean clientOnly) {
        TlsWizardViewModel vm = new TlsWizardViewModel(background, notifier, contexts, generator, certificatesRoot,
                latestCertificates);
        vm.clientOnlyProperty().set(clientOnly);
        TlsWizardView view = new TlsWizardView(vm, connect);
        Stage stage = new Stage();
        stage.setTitle(clientOnly ? T.get("window.client") : T.get("window.bundle"));
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(view, 900, 760);
        WizardForms.style(scene, owner);
        stage.setScene(scene);
        view.setOnClose(stage::close);
        stage.setOnHidden(e -> vm.deactivate());
        vm.activate();
        stage.show();
        return stage;
    }
}
