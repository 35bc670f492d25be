package dev.berth.desktop.testing;

import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.app.AppContext;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.testing.Dockerd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app, headless, on the real test dockerd (and nothing else: no user environment, no system sockets).
 * Use from a TestFX {@code @Start} method: {@code fixture = DesktopFixture.show(stage);}.
 */
public final class DesktopFixture {

    private final AppContext context;

    private DesktopFixture(AppContext context) {
        this.context = context;
    }

    public static DesktopFixture show(Stage stage) {
        try {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Path home = Files.createTempDirectory("berth-ui-home");
            EngineEntry engine = new EngineEntry("test dockerd", "test", Dockerd.shared().unixEndpoint());
            AppContext context = new AppContext(new EndpointResolver(Map.of(), home), List.of(engine), List.of());
            Scene scene = new Scene(context.mainWindow(), 1400, 900);
            scene.getStylesheets().add(AppContext.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return new DesktopFixture(context);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public AppContext context() {
        return context;
    }

    public Dockerd dockerd() {
        return Dockerd.shared();
    }

    /** Waits until the app has connected to the test dockerd. */
    public EngineSession awaitSession() {
        return await(Duration.ofSeconds(30), () -> context.engines().sessionProperty().get());
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
