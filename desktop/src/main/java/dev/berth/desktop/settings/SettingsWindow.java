package dev.berth.desktop.settings;

import dev.berth.desktop.connect.WizardForms;
import dev.berth.desktop.embedded.EmbeddedEngineControl;
import dev.berth.desktop.engines.EngineAction;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Settings" (Ctrl+,): one window at a time, for the language and remote access to Berth's engine. It works with
 * or without an engine, so it is a window of its own rather than a page that shows an engine.
 */
public final class SettingsWindow {

    private static final Texts T = Texts.of(SettingsWindow.class);

    private final BackgroundExecutor background;
    private final SettingsStore store;
    private final EmbeddedEngineControl engine;
    private final Consumer<EngineEndpoint> engineRestarted;
    private final ObservableValue<Path> latestCertificates;
    private final Consumer<Window> generateCertificates;
    private final Supplier<Window> owner;
    private Stage open;

    /**
     * @param engine               the engine the app runs itself, or null
     * @param engineRestarted      told after that engine restarted, so its sessions reconnect
     * @param latestCertificates   the certificate wizard's latest output folder
     * @param generateCertificates opens the certificate wizard over the given window
     * @param owner                the main window, once shown
     */
    public SettingsWindow(BackgroundExecutor background, SettingsStore store, EmbeddedEngineControl engine,
                          Consumer<EngineEndpoint> engineRestarted, ObservableValue<Path> latestCertificates,
                          Consumer<Window> generateCertificates, Supplier<Window> owner) {
        this.background = background;
        this.store = store;
        this.engine = engine;
        this.engineRestarted = engineRestarted;
        this.latestCertificates = latestCertificates;
        this.generateCertificates = generateCertificates;
        this.owner = owner;
    }

    /** Shows the window, or brings the open one to the front. FX thread. */
    public Stage open() {
        if (open != null && open.isShowing()) {
            open.toFront();
            return open;
        }
        SettingsViewModel vm = new SettingsViewModel(background, store, engine, engineRestarted, latestCertificates,
                Clock.systemUTC());
        Stage stage = new Stage();
        SettingsView view = new SettingsView(vm, () -> generateCertificates.accept(stage));
        stage.setTitle(T.get("window.title"));
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
        }
        Scene scene = new Scene(view, 860, 780);
        WizardForms.style(scene, parent);
        stage.setScene(scene);
        view.setOnClose(stage::close);
        stage.setOnHidden(e -> vm.deactivate());
        vm.activate();
        stage.show();
        open = stage;
        return stage;
    }

    /** The palette's "Settings…", with its shortcut. */
    public PaletteCommand command() {
        return new PaletteCommand(T.get("command"), T.get("command.category"), Shortcuts.SETTINGS, this::open);
    }

    /** The button beside the engines list's heading. */
    public EngineAction button() {
        return new EngineAction("engines-settings", T.get("button.tooltip", Shortcuts.text(Shortcuts.SETTINGS)),
                AppIcon.SETTINGS, this::open);
    }
}
