package dev.berth.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived host program (runc, ps) with a minimal, explicit environment and collects its output. Both
 * streams are drained concurrently so a chatty program never blocks on a full pipe.
 */
public final class HostCommand {

    /** The PATH every helper gets, so results never depend on how the engine was launched. */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** A finished program: its exit code and what it wrote. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private HostCommand() {
    }

    public static Result run(List<String> argv, long timeoutSeconds) {
        return run(argv, null, Map.of(), timeoutSeconds);
    }

    /**
     * @param directory working directory, or null for the engine's
     * @param env       extra variables on top of PATH
     */
    public static Result run(List<String> argv, Path directory, Map<String, String> env, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), RuntimeThreads.IO);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), RuntimeThreads.IO);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new IllegalStateException(argv.get(0) + " " + (argv.size() > 1 ? argv.get(1) : "")
                        + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + argv.get(0), e);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
