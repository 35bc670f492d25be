package dev.berth.cli;

import dev.berth.remote.client.BerthVersion;
import java.io.PrintStream;

/**
 * What plain {@code berth} does until the desktop app lands: say so, and point at what already works, rather than
 * failing or pretending.
 */
final class AppPreview {

    private AppPreview() {
    }

    static int run(PrintStream out) {
        out.println("Berth " + BerthVersion.get());
        out.println();
        out.println("The desktop app is not built yet: this command will open it once it is (engines sidebar,");
        out.println("containers, images, logs, terminal and the run-container wizard).");
        out.println();
        out.println("What works today:");
        out.println("  berth version        the engine Berth would use (DOCKER_HOST, docker contexts) and its version");
        out.println("  berth tls generate   certificates to protect a Docker daemon with mutual TLS");
        return 0;
    }
}
