package dev.berth.cli;

import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.BerthVersion;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.system.VersionInfo;
import dev.berth.remote.transport.TransportOptions;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code berth version}: like {@code docker version}, the client's side, then the engine the docker CLI would talk
 * to (same discovery: -H, DOCKER_HOST, DOCKER_CONTEXT, config.json) and the API version negotiated with it.
 */
final class VersionCommand {

    private VersionCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String host = null;
        String context = null;
        boolean clientOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--client" -> clientOnly = true;
                case "-H", "--host" -> {
                    if (++i >= args.length) {
                        err.println("berth version: " + args[i - 1] + " needs a value such as unix:///var/run/docker.sock");
                        return 2;
                    }
                    host = args[i];
                }
                case "-c", "--context" -> {
                    if (++i >= args.length) {
                        err.println("berth version: " + args[i - 1] + " needs a context name");
                        return 2;
                    }
                    context = args[i];
                }
                case "-h", "--help" -> {
                    out.println("Usage: berth version [--client] [-H HOST | -c CONTEXT]");
                    out.println();
                    out.println("Shows Berth's version, then the engine found as the docker CLI finds it");
                    out.println("(-H, DOCKER_HOST, DOCKER_CONTEXT, the current context in config.json, else");
                    out.println("unix:///var/run/docker.sock) and the API version negotiated with it.");
                    out.println("  --client        only Berth's own version");
                    out.println("  -H, --host      engine address (unix:///path, tcp://host:port)");
                    out.println("  -c, --context   docker context to use");
                    return 0;
                }
                default -> {
                    err.println("berth version: unknown option \"" + args[i] + "\"");
                    return 2;
                }
            }
        }
        out.println("Berth:");
        out.println(" Version:      " + BerthVersion.get());
        out.println(" API versions: " + ApiVersion.MIN + " to " + ApiVersion.MAX);
        out.println(" Java:         " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.println(" OS/Arch:      " + System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        if (clientOnly) {
            return 0;
        }
        EngineEndpoint endpoint;
        try {
            endpoint = EndpointResolver.system().resolve(host, context);
        } catch (RuntimeException e) {
            err.println("berth version: " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("Engine (" + endpoint.uri() + ", from " + endpoint.source() + "):");
        TransportOptions quick = TransportOptions.DEFAULT.withConnectTimeout(Duration.ofSeconds(5))
                .withReadTimeout(Duration.ofSeconds(15));
        try (EngineClient client = EngineClient.connect(endpoint, quick)) {
            ApiVersion negotiated = client.apiVersion();
            VersionInfo v = client.system().version();
            out.println(" Version:      " + v.version());
            out.println(" API version:  " + v.apiVersion() + " (minimum " + v.minApiVersion() + "), using " + negotiated);
            out.println(" OS/Arch:      " + v.os() + "/" + v.arch());
            out.println(" Kernel:       " + v.kernelVersion());
            return 0;
        } catch (EngineException e) {
            out.println(" Unreachable:  " + e.getMessage());
            return 1;
        }
    }
}
