package dev.berth.remote.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code docker-credential-<name> get} the way docker-credential-helpers' client does: the server URL on stdin
 * (no newline), {@code {"ServerURL","Username","Secret"}} on stdout, and on failure an error text on stdout with a
 * non-zero exit.
 */
final class CredentialHelper {

    static final String NOT_FOUND_MESSAGE = "credentials not found in native keychain";
    /** Not a user: the helper's way of saying "Secret is an identity token". */
    static final String TOKEN_USERNAME = "<token>";

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int OUTPUT_LIMIT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a helper returned; {@code secret} is a password, or an identity token when the user is "<token>". */
    record Answer(String username, String secret) {
        boolean isIdentityToken() {
            return TOKEN_USERNAME.equals(username);
        }

        @Override
        public String toString() {
            return "Answer[username=" + username + ", secret=***]";
        }
    }

    private final String name;
    private final String origin;
    private final Map<String, String> env;
    private final Duration timeout;

    /**
     * @param name    the suffix after {@code docker-credential-}
     * @param origin  where it was configured, for messages ("credsStore in /home/u/.docker/config.json")
     * @param env     the environment the helper runs with; its PATH is where the helper is looked up
     * @param timeout how long the helper may take before it is killed
     */
    CredentialHelper(String name, String origin, Map<String, String> env, Duration timeout) {
        this.name = name;
        this.origin = origin;
        this.env = env;
        this.timeout = timeout;
    }

    String programName() {
        return "docker-credential-" + name;
    }

    /** The stored credentials, or empty if the helper has none for this server. */
    Optional<Answer> get(String serverUrl) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw failure(CredentialLookupException.Kind.HELPER_NOT_FOUND, serverUrl,
                    "\"" + name + "\" (" + origin + ") is not a valid credential helper name.", null);
        }
        Path program = findOnPath().orElseThrow(() -> failure(CredentialLookupException.Kind.HELPER_NOT_FOUND,
                serverUrl, "The credential helper " + programName() + " (" + origin + ") is not installed: it is not"
                        + " on the PATH. Install it, or remove it from the configuration to use the credentials"
                        + " stored in config.json.", null));

        ProcessBuilder builder = new ProcessBuilder(program.toString(), "get");
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw failure(CredentialLookupException.Kind.HELPER_FAILED, serverUrl,
                    "The credential helper " + program + " could not be started: " + e.getMessage(), e);
        }
        StreamCollector stdout = new StreamCollector(process.getInputStream(), programName() + " stdout");
        StreamCollector stderr = new StreamCollector(process.getErrorStream(), programName() + " stderr");
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A helper may exit without reading its input; its exit code and output tell what happened.
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw failure(CredentialLookupException.Kind.HELPER_TIMED_OUT, serverUrl,
                        "The credential helper " + programName() + " did not answer within " + timeout.toSeconds()
                                + " s for " + serverUrl + " (is it waiting for a keychain unlock or a GPG passphrase?).",
                        null);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure(CredentialLookupException.Kind.HELPER_FAILED, serverUrl,
                    "Interrupted while waiting for " + programName() + ".", e);
        }
        // A daemon the helper spawned (gpg-agent) may keep the pipes open: never wait past the deadline for EOF.
        String out = stdout.text(deadline);
        String err = stderr.text(deadline);
        int exit = process.exitValue();
        if (exit != 0) {
            if (out.strip().equals(NOT_FOUND_MESSAGE) || err.strip().equals(NOT_FOUND_MESSAGE)) {
                return Optional.empty();
            }
            String said = firstLine(out.isBlank() ? err : out);
            throw failure(CredentialLookupException.Kind.HELPER_FAILED, serverUrl,
                    "The credential helper " + programName() + " failed for " + serverUrl + " (exit code " + exit + ")"
                            + (said.isEmpty() ? "." : ": " + said), null);
        }
        return parse(out, serverUrl);
    }

    private Optional<Answer> parse(String out, String serverUrl) {
        JsonNode answer;
        try {
            answer = JSON.readTree(out);
        } catch (JacksonException e) {
            answer = null;
        }
        // The output may hold a secret: describe it, never quote it.
        if (answer == null || !answer.isObject()) {
            throw failure(CredentialLookupException.Kind.HELPER_BAD_OUTPUT, serverUrl,
                    "The credential helper " + programName() + " answered for " + serverUrl
                            + " with something that is not its JSON format.", null);
        }
        String username = field(answer, "Username");
        String secret = field(answer, "Secret");
        if (secret.isEmpty() && username.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Answer(username, secret));
    }

    /** Go's encoding/json matches field names case-insensitively; helpers rely on that. */
    private static String field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    value = entry.getValue();
                    break;
                }
            }
        }
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    /** Like Go's exec.LookPath, but never a relative PATH entry: that would run whatever is in our working dir. */
    private Optional<Path> findOnPath() {
        String path = env.get("PATH");
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> suffixes = windows ? List.of(".exe", ".cmd", ".bat", "") : List.of("");
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
                continue;
            }
            for (String suffix : suffixes) {
                Path candidate = Path.of(dir, programName() + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private CredentialLookupException failure(CredentialLookupException.Kind kind, String registry, String message,
                                              Throwable cause) {
        return new CredentialLookupException(kind, name, registry, message, cause);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Drains a pipe on its own thread so a chatty helper never blocks on a full pipe buffer. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        StreamCollector(InputStream in, String threadName) {
            thread = new Thread(() -> drain(in), threadName);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        if (bytes.size() < OUTPUT_LIMIT) {
                            bytes.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - bytes.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // The process is gone or was killed; what was read so far is all there is.
            }
        }

        String text(long deadlineNanos) {
            try {
                long remaining = Math.max(500, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                thread.join(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
