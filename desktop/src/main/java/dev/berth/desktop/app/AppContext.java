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
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.ports.BrowserOpener;
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
import dev.berth.remote.monitor.TrafficRecorder;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.transport.TransportOptions;
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

    private static final Texts T = Texts.of(AppContext.class);

    private final BackgroundExecutor background = new BackgroundExecutor();
    private final Notifier notifier = new Notifier();
    private final ThemeService theme = new ThemeService();
    /** Every API call of the app's client and of the monitoring proxy, for the API traffic page. */
    private final TrafficRecorder traffic = new TrafficRecorder();
    private final EnginesViewModel engines;
    private final MainWindow mainWindow;
    private final List<AutoCloseable> owned = new ArrayList<>();

    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets) {
        this(resolver, registered, wellKnownSockets, null);
    }

    /** @param browser opens addresses (the Ports page's HTTP ports), or null: the address is shown instead */
    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets,
                      BrowserOpener browser) {
        this(resolver, registered, wellKnownSockets, SavedConnections.inMemory(), null, browser, SettingsStore.inMemory(),
                null);
    }

    /**
     * @param saved            the connections saved in the connect wizard, listed after {@code registered}
     * @param certificatesRoot where the certificate wizard proposes its output folders, or null
     */
    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets,
                      SavedConnections saved, Path certificatesRoot) {
        this(resolver, registered, wellKnownSockets, saved, certificatesRoot, null, SettingsStore.inMemory(), null);
    }

    /**
     * @param browser  opens addresses in the user's browser (JavaFX's HostServices), or null
     * @param settings the user's settings (language, remote access to the embedded engine)
     * @param embedded the engine the app runs itself (also in {@code registered}), or null when it runs none
     */
    public AppContext(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets,
                      SavedConnections saved, Path certificatesRoot, BrowserOpener browser, SettingsStore settings,
                      EmbeddedEngineControl embedded) {
        engines = new EnginesViewModel(new EngineCatalog(resolver, () -> concat(registered,
                saved.entries(Clock.systemUTC())), wellKnownSockets), background,
                TransportOptions.DEFAULT.withInterceptor(traffic.interceptor()));
        RunContainerWizard runWizard = new RunContainerWizard(background, notifier, () -> engines.sessionProperty().get());
        ObjectProperty<Path> latestCertificates = new SimpleObjectProperty<>();
        ConnectWizard connect = new ConnectWizard(background, notifier, saved, resolver.contexts(), latestCertificates,
                engines::add, Clock.systemUTC());
        TlsWizard certificates = new TlsWizard(background, notifier, resolver.contexts(), new TlsBundleGenerator(),
                certificatesRoot, latestCertificates, (host, dir) -> connect.open(window(), host, dir));
        SettingsWindow settingsWindow = new SettingsWindow(background, settings, embedded, engines::reconnect,
                latestCertificates, certificates::open, this::window);
        mainWindow = new MainWindow(engines, background, notifier, theme,
                Pages.all(background, notifier, traffic, image -> runWizard.open(window(), image), this::navigate,
                        owned::add, browser),
                List.of(new PaletteCommand(T.get("command.run"), T.get("command.category.containers"), Shortcuts.RUN,
                                () -> runWizard.open(window(), null)),
                        new PaletteCommand(T.get("command.connect"), T.get("command.category.engines"), () -> connect.open(window())),
                        new PaletteCommand(T.get("command.certificates"), T.get("command.category.engines"), () -> certificates.open(window())),
                        new PaletteCommand(T.get("command.client-certificate"), T.get("command.category.engines"),
                                () -> certificates.open(window(), true)),
                        settingsWindow.command()));
        engines.actions().setAll(
                new EngineAction("engines-connect", T.get("command.connect"), AppIcon.ATTACH, () -> connect.open(window())),
                new EngineAction("engines-certificates", T.get("command.certificates"), AppIcon.CERTIFICATE,
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
    public static AppContext forUser(BrowserOpener browser) {
        EmbeddedEngine embedded = EmbeddedEngine.standard();
        Path home = Path.of(System.getProperty("user.home"));
        SettingsStore settings = SettingsStore.forUser(System.getenv(), home);
        Settings saved = settings.load();
        embedded.useExtraFlags(saved.remoteAccess().startFlags());
        AppContext context = new AppContext(EndpointResolver.system(), List.of(embedded.entry()),
                EngineCatalog.defaultSockets(System.getenv()), SavedConnections.forUser(System.getenv(), home),
                SavedConnections.configDir(System.getenv(), home).resolve("certificates"), browser, settings, embedded);
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

    public TrafficRecorder traffic() {
        return traffic;
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
