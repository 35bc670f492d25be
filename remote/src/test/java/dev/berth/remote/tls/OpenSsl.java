package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl CLI for interoperability checks; tests using it are skipped where it is missing. */
final class OpenSsl {

    private static final Path BINARY = Path.of("/usr/bin/openssl");

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private OpenSsl() {
    }

    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(BINARY), "openssl not installed at " + BINARY);
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        // Output goes to a file so a hanging openssl cannot block us on a pipe; waitFor has the timeout.
        Path log = Files.createTempFile("openssl", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs and fails with openssl's output unless it exits 0. */
    static String ok(Path workDir, String... args) throws IOException, InterruptedException {
        Result result = run(workDir, args);
        if (!result.ok()) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
        return result.output();
    }
}
