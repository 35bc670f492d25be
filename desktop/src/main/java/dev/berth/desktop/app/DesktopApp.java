package dev.berth.desktop.app;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window on the composition root. */
public final class DesktopApp extends Application {

    private AppContext context;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = AppContext.forUser(getHostServices()::showDocument);
        Scene scene = new Scene(context.mainWindow(), 1280, 800);
        scene.getStylesheets().add(DesktopApp.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
        stage.setTitle("Berth");
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
