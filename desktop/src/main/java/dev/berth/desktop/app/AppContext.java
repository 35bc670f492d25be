package dev.berth.desktop.app;

import dev.berth.desktop.engines.EngineCatalog;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.engines.EnginesViewModel;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.MainWindow;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.theme.ThemeService;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.desktop.embedded.EmbeddedEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        engines = new EnginesViewModel(new EngineCatalog(resolver, registered, wellKnownSockets), background);
        mainWindow = new MainWindow(engines, background, notifier, theme, pages());
        engines.discover();
    }

    /** The app as users start it: Berth's own engine first, then engines from their environment and the usual sockets. */
    public static AppContext forUser() {
        EmbeddedEngine embedded = EmbeddedEngine.standard();
        AppContext context = new AppContext(EndpointResolver.system(), List.of(embedded.entry()),
                EngineCatalog.defaultSockets(System.getenv()));
        context.owned.add(embedded);
        return context;
    }

    private List<Page> pages() {
        return Pages.all(background, notifier, engines);
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
