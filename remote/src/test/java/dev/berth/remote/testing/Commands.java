package dev.berth.remote.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external commands (docker CLI, openssl) for tests, always bounded in time. */
public final class Commands {

    private Commands() {
    }

    public static ProcessResult run(List<String> command, Map<String, String> env, byte[] stdin, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new ProcessResult(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // process died; keep what we have
            }
            return buf.toByteArray();
        });
    }

    /** The first of the given executables that exists. */
    public static String find(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", candidates)
                + " is installed; run the README's test command, which installs them");
    }
}
