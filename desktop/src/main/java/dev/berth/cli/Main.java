package dev.berth.cli;

import dev.berth.engine.cli.EngineMain;
import dev.berth.remote.monitor.MonitorCommand;
import dev.berth.remote.tls.TlsCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code berth} command: the app when run plainly, otherwise a subcommand. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--lang") || args[0].startsWith("--lang=")) {
            return AppLauncher.run(args, System.getenv(), err);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "version", "--version" -> VersionCommand.run(rest, out, err);
            case "tls" -> TlsCommand.run(rest, out, err);
            case "engine" -> EngineMain.run(Arrays.asList(rest), out, err);
            case "monitor" -> MonitorCommand.run(rest, out, err);
            case "help", "--help", "-h" -> {
                out.print(usage());
                yield 0;
            }
            default -> {
                err.println("berth: unknown command \"" + args[0] + "\". Try 'berth --help'.");
                yield 2;
            }
        };
    }

    static String usage() {
        return """
                Usage: berth [--lang ko|en] [COMMAND]

                Berth manages container engines: local, remote over mutual TLS, or its own.

                Commands:
                  (none)          open the Berth app
                  version         show Berth's version and the engine it would connect to
                  engine          run Berth's container engine headless (dockerd-like flags)
                  tls generate    create a CA, server and client certificates for a Docker daemon
                  monitor         forward the Docker API to an engine and print every request
                  help            show this help

                Options:
                  --lang ko|en    the app's language (also BERTH_LANG); by default the system's (LANG)

                Run 'berth COMMAND --help' for more about a command.
                """;
    }
}
