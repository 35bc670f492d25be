package dev.berth.remote.tls;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code berth tls SUBCOMMAND ...}: dispatches to the TLS subcommands. */
public final class TlsCommand {

    private TlsCommand() {
    }

    /** @param args the arguments after {@code tls} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("berth tls: missing subcommand (expected: generate)");
            err.println("Try 'berth tls --help'.");
            return TlsGenerateCommand.USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                out.print(usage());
                return TlsGenerateCommand.OK;
            }
            case "generate" -> {
                return TlsGenerateCommand.run(rest, out, err);
            }
            default -> {
                err.println("berth tls: unknown subcommand '" + args[0] + "' (expected: generate)");
                err.println("Try 'berth tls --help'.");
                return TlsGenerateCommand.USAGE;
            }
        }
    }

    public static String usage() {
        return """
                Usage: berth tls SUBCOMMAND [options]

                Subcommands:
                  generate    create a CA, server and client certificates for a Docker daemon on TCP+TLS

                Run 'berth tls SUBCOMMAND --help' for the options of a subcommand.
                """;
    }
}
