package dev.berth.desktop.testing;

import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.app.AppContext;
import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.testing.TestDirs;
import dev.berth.remote.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app, headless, on the real test dockerd (and nothing else: no user environment, no system sockets).
 * Use from a TestFX {@code @Start} method: {@code fixture = DesktopFixture.show(stage);}.
 */
public final class DesktopFixture {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final AppContext context;
    private final Stage stage;
    private final List<String> containers = new ArrayList<>();
    private final List<String> openedInBrowser;

    private DesktopFixture(AppContext context, Stage stage, List<String> openedInBrowser) {
        this.context = context;
        this.stage = stage;
        this.openedInBrowser = openedInBrowser;
    }

    /** The app in English, whatever the machine's LANG: tests find nodes by their English text. */
    public static DesktopFixture show(Stage stage) {
        return show(stage, Locale.ENGLISH);
    }

    /** The app in this language (its texts are read as the views are built). */
    public static DesktopFixture show(Stage stage, Locale language) {
        Texts.useLocale(language);
        try {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Path home = Files.createTempDirectory("berth-ui-home");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDirs.delete(home), "berth-ui-home-cleanup"));
            EngineEntry engine = new EngineEntry(TestEngines.name(), "test", TestEngines.current().unixEndpoint());
            List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
            AppContext context = new AppContext(new EndpointResolver(Map.of(), home), List.of(engine), List.of(),
                    opened::add);
            Scene scene = new Scene(context.mainWindow(), 1400, 900);
            scene.getStylesheets().add(AppContext.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return new DesktopFixture(context, stage, opened);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public AppContext context() {
        return context;
    }

    /** The addresses the app asked the browser to open, oldest first. */
    public List<String> openedInBrowser() {
        return openedInBrowser;
    }

    /** The engine under test (dockerd, or Berth's engine in the second run). */
    public TestEngine dockerd() {
        return TestEngines.current();
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Runs a docker command that makes a container ({@code run -d IMAGE …}, {@code create IMAGE …}) under a fresh
     * "berth-ui-…" name, which it returns; {@link #tearDown()} removes it.
     */
    public String container(String... dockerArgs) {
        String name = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(name);
        List<String> args = new ArrayList<>(List.of(dockerArgs));
        args.add(1, "--name");
        args.add(2, name);
        dockerd().docker(args.toArray(String[]::new)).requireSuccess(String.join(" ", args));
        return name;
    }

    /**
     * Makes a detail tab on the FX thread, shows it as the whole window and opens it on {@code container}, as the
     * containers page's details pane would.
     */
    public <T extends ContainerDetailTab> T host(Supplier<T> tab, String container) {
        EngineSession session = awaitSession();
        try {
            T made = WaitForAsyncUtils.asyncFx(() -> {
                T t = tab.get();
                stage.getScene().setRoot((Parent) t.view());
                t.open(session, container);
                return t;
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return made;
        } catch (Exception e) {
            throw new IllegalStateException("opening the tab failed", e);
        }
    }

    /**
     * Ends a test: hides the window while the app still runs (so whatever reacts to that finds its background pool
     * open), removes the containers made by {@link #container} and waits until the app has seen them go (an engine
     * event still on its way in when the app closes would reach a closed pool), then closes the app.
     */
    public void tearDown() {
        try {
            WaitForAsyncUtils.asyncFx(stage::hide).get(30, java.util.concurrent.TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (Exception e) {
            throw new IllegalStateException("hiding the window failed", e);
        } finally {
            try {
                removeContainers();
            } finally {
                close();
            }
        }
    }

    private void removeContainers() {
        if (containers.isEmpty()) {
            return;
        }
        Set<String> gone = ConcurrentHashMap.newKeySet();
        Runnable unsubscribe = awaitSession().events().subscribe(batch -> batch.stream()
                .filter(e -> "destroy".equals(e.action()) && e.actor() != null)
                .forEach(e -> gone.add(e.actor().attribute("name"))));
        try {
            List<String> removed = new ArrayList<>();
            for (String name : containers) {
                if (dockerd().docker("inspect", name).exitCode() == 0) { // not those the test removed itself
                    dockerd().docker("rm", "-f", name);
                    removed.add(name);
                }
            }
            await(PATIENCE, () -> gone.containsAll(removed));
        } finally {
            unsubscribe.run();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the app has connected to the test dockerd. */
    public EngineSession awaitSession() {
        return await(Duration.ofSeconds(30), () -> context.engines().sessionProperty().get());
    }

    /** Presses the keys together and lets them go in reverse order, as a person types Ctrl+Shift+S. */
    public static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reversed[i] = keys[keys.length - 1 - i];
        }
        robot.release(reversed);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Like {@link #await} but returns false instead of failing when the condition is not met in time. */
    public static boolean awaitQuietly(Duration timeout, Callable<?> probe) {
        try {
            await(timeout, probe);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** Polls (FX events flushed in between) until {@code probe} returns non-null/true, or fails after the timeout. */
    public static <T> T await(Duration timeout, Callable<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            WaitForAsyncUtils.waitForFxEvents();
            try {
                T value = WaitForAsyncUtils.asyncFx(probe).get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            WaitForAsyncUtils.sleep(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("condition not met within " + timeout, last);
    }

    /** Closes the app on the FX thread, as the real app does, so late event batches meet a consistent state. */
    public void close() {
        if (javafx.application.Platform.isFxApplicationThread()) {
            context.close();
            return;
        }
        try {
            WaitForAsyncUtils.asyncFx(context::close).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing the app failed", e);
        }
    }
}
