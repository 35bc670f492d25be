package dev.berth.desktop.app;

import dev.berth.desktop.connect.ConnectWizard;
import dev.berth.desktop.connect.SavedConnections;
import dev.berth.desktop.embedded.EmbeddedEngine;
import dev.berth.desktop.embedded.EmbeddedEngineControl;
import dev.berth.desktop.engines.EngineAction;
import dev.berth.desktop.engines.EngineCatalog;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.engines.EnginesViewModel;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.run.RunContainerWizard;
import dev.berth.desktop.settings.Settings;
import dev.berth.desktop.settings.SettingsStore;
import dev.berth.desktop.settings.SettingsWindow;
import dev.berth.desktop.shell.MainWindow;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.desktop.theme.ThemeService;
import dev.berth.desktop.tlswizard.TlsWizard;
import dev.berth.icons.AppIcon;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.tls.TlsBundleGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Window;

/**
 * The composition root: every service and view is built here, with its dependencies passed in, and nowhere else.
 * Tests build one with the engines they want.
 */
public final class AppContext implements AutoCloseable {

    private final BackgroundExecutor background = new BackgroundExecutor();
    private final Notifier notifier = new Notifier();
    private final ThemeService theme = new ThemeService();
    private final EnginesViewModel engines;
    private final MainWindow mainWindow;
    private final List<AutoCloseable> owned = new ArrayList<>();

    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets) {
        this(resolver, registered, wellKnownSockets, SavedConnections.inMemory(), null);
    }

    /**
     * @param saved            the connections saved in the connect wizard, listed after {@code registered}
     * @param certificatesRoot where the certificate wizard proposes its output folders, or null
     */
    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets,
                      SavedConnections saved, Path certificatesRoot) {
        this(resolver, registered, wellKnownSockets, saved, certificatesRoot, SettingsStore.inMemory(), null);
    }

    /**
     * @param settings the user's settings (language, remote access to the embedded engine)
     * @param embedded the engine the app runs itself (also in {@code registered}), or null when it runs none
     */
    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets,
                      SavedConnections saved, Path certificatesRoot, SettingsStore settings,
                      EmbeddedEngineControl embedded) {
        engines = new EnginesViewModel(new EngineCatalog(resolver, () -> concat(registered,
                saved.entries(Clock.systemUTC())), wellKnownSockets), background);
        RunContainerWizard runWizard = new RunContainerWizard(background, notifier, () -> engines.sessionProperty().get());
        ObjectProperty<Path> latestCertificates = new SimpleObjectProperty<>();
        ConnectWizard connect = new ConnectWizard(background, notifier, saved, resolver.contexts(), latestCertificates,
                engines::add, Clock.systemUTC());
        TlsWizard certificates = new TlsWizard(background, notifier, resolver.contexts(), new TlsBundleGenerator(),
                certificatesRoot, latestCertificates, (host, dir) -> connect.open(window(), host, dir));
        SettingsWindow settingsWindow = new SettingsWindow(background, settings, embedded, engines::reconnect,
                latestCertificates, certificates::open, this::window);
        mainWindow = new MainWindow(engines, background, notifier, theme,
                Pages.all(background, notifier, image -> runWizard.open(window(), image), this::navigate),
                List.of(new PaletteCommand("Run a container…", "Containers", Shortcuts.RUN,
                                () -> runWizard.open(window(), null)),
                        new PaletteCommand("Connect to engine…", "Engines", () -> connect.open(window())),
                        new PaletteCommand("Generate TLS certificates…", "Engines", () -> certificates.open(window())),
                        new PaletteCommand("Issue a client certificate…", "Engines",
                                () -> certificates.open(window(), true)),
                        settingsWindow.command()));
        engines.actions().setAll(
                new EngineAction("engines-connect", "Connect to engine…", AppIcon.ATTACH, () -> connect.open(window())),
                new EngineAction("engines-certificates", "Generate TLS certificates…", AppIcon.CERTIFICATE,
                        () -> certificates.open(window())),
                settingsWindow.button());
        engines.discover();
    }

    private static List<EngineEntry> concat(List<EngineEntry> first, List<EngineEntry> then) {
        List<EngineEntry> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** The app as users start it: Berth's own engine first, then engines from their environment and the usual sockets. */
    public static AppContext forUser() {
        EmbeddedEngine embedded = EmbeddedEngine.standard();
        Path home = Path.of(System.getProperty("user.home"));
        SettingsStore settings = SettingsStore.forUser(System.getenv(), home);
        Settings saved = settings.load();
        embedded.useExtraFlags(saved.remoteAccess().startFlags());
        AppContext context = new AppContext(EndpointResolver.system(), List.of(embedded.entry()),
                EngineCatalog.defaultSockets(System.getenv()), SavedConnections.forUser(System.getenv(), home),
                SavedConnections.configDir(System.getenv(), home).resolve("certificates"), settings, embedded);
        context.owned.add(embedded);
        return context;
    }

    private void navigate(String pageId) {
        mainWindow.navigate(pageId);
    }

    /** The main window's window, once it is shown: what dialogs belong to. */
    private Window window() {
        return mainWindow == null || mainWindow.getScene() == null ? null : mainWindow.getScene().getWindow();
    }

    public MainWindow mainWindow() {
        return mainWindow;
    }

    public EnginesViewModel engines() {
        return engines;
    }

    public BackgroundExecutor background() {
        return background;
    }

    public Notifier notifier() {
        return notifier;
    }

    @Override
    public void close() {
        engines.close();
        background.close();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(AppContext.class).warn("closing {}: {}", resource, e.toString());
            }
        }
    }
}
