package dev.berth.desktop.connect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.i18n.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines the user added in the connect wizard, kept in {@code connections.json} in Berth's configuration folder
 * ({@code $XDG_CONFIG_HOME/berth}, else {@code ~/.config/berth}). The file holds names, addresses and the paths of
 * certificate files, never their content: private keys stay where the user keeps them. Safe to use from any thread;
 * every call reads or writes the file (it is tiny), so call it in the background.
 */
public final class SavedConnections {

    private static final Texts T = Texts.of(SavedConnections.class);

    private static final Logger LOG = LoggerFactory.getLogger(SavedConnections.class);
    public static final String FILE_NAME = "connections.json";
    /** What the engines list says about where a saved connection came from. */
    public static final String ORIGIN = "saved";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final List<SavedConnection> memory = new ArrayList<>();

    private SavedConnections(Path file) {
        this.file = file;
    }

    /** The store in Berth's configuration folder for this environment and home directory. */
    public static SavedConnections forUser(Map<String, String> env, Path home) {
        return at(configDir(env, home).resolve(FILE_NAME));
    }

    /** A store in this file (tests, other profiles). */
    public static SavedConnections at(Path file) {
        return new SavedConnections(file.toAbsolutePath().normalize());
    }

    /** A store that forgets everything when the app ends (an app built without a user's settings, e.g. in tests). */
    public static SavedConnections inMemory() {
        return new SavedConnections(null);
    }

    /**
     * Berth's configuration folder: {@code $XDG_CONFIG_HOME/berth} when that is an absolute path (the XDG spec says
     * to ignore relative ones), else {@code ~/.config/berth}.
     */
    public static Path configDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "berth");
        }
        return home.resolve(".config").resolve("berth");
    }

    /** The file, or empty for an in-memory store. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Every saved connection, in the order they were first saved.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or is not what Berth wrote
     */
    public synchronized List<SavedConnection> list() {
        if (file == null) {
            return List.copyOf(memory);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(T.get("saved.unreadable", file, e.getMessage()), e);
        }
        if (text.isBlank()) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode list = root == null ? null : root.get("connections");
            List<SavedConnection> connections = new ArrayList<>();
            if (list != null && list.isArray()) {
                for (JsonNode node : list) {
                    connections.add(read(node));
                }
            }
            return List.copyOf(connections);
        } catch (JacksonException e) {
            throw unreadable(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private UncheckedIOException unreadable(String why, Exception e) {
        return new UncheckedIOException(T.get("saved.invalid", file, why), new IOException(e));
    }

    /** Adds the connection, or replaces the one with the same name where it stands. */
    public synchronized void save(SavedConnection connection) {
        List<SavedConnection> all = new ArrayList<>(list());
        int at = indexOf(all, connection.name());
        if (at >= 0) {
            all.set(at, connection);
        } else {
            all.add(connection);
        }
        write(all);
    }

    /** Forgets the connection with this name; {@code false} if there was none. */
    public synchronized boolean remove(String name) {
        List<SavedConnection> all = new ArrayList<>(list());
        int at = indexOf(all, name);
        if (at < 0) {
            return false;
        }
        all.remove(at);
        write(all);
        return true;
    }

    /**
     * The saved connections as engines-list entries, each flagged when one of its certificates expires within
     * {@value CertificateExpiry#WARN_DAYS} days. A connection whose address cannot be used, or a file that cannot be
     * read, is left out with a log line rather than hiding the other engines.
     */
    public List<EngineEntry> entries(Clock clock) {
        List<EngineEntry> entries = new ArrayList<>();
        List<SavedConnection> saved;
        try {
            saved = list();
        } catch (UncheckedIOException e) {
            LOG.warn("{}", e.getMessage());
            return entries;
        }
        for (SavedConnection connection : saved) {
            try {
                entries.add(entry(connection, clock));
            } catch (IllegalArgumentException e) {
                LOG.warn("saved connection \"{}\" is not usable: {}", connection.name(), e.getMessage());
            }
        }
        return entries;
    }

    /** The engines-list entry for one connection (reads its certificates for the expiry flag). */
    public static EngineEntry entry(SavedConnection connection, Clock clock) {
        return new EngineEntry(connection.name(), ORIGIN, connection.endpoint(), () -> null,
                CertificateExpiry.warning(connection.tlsSettings(), clock));
    }

    private static int indexOf(List<SavedConnection> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name == null ? null : name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static SavedConnection read(JsonNode node) {
        return new SavedConnection(text(node, "name"), text(node, "host"), node.path("tls").asBoolean(false),
                node.path("verify").asBoolean(true), path(node, "ca"), path(node, "cert"), path(node, "key"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Path path(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private void write(List<SavedConnection> all) {
        if (file == null) {
            memory.clear();
            memory.addAll(all);
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("connections");
        for (SavedConnection c : all) {
            ObjectNode node = list.addObject();
            node.put("name", c.name());
            node.put("host", c.host());
            node.put("tls", c.tls());
            node.put("verify", c.verifyServer());
            putPath(node, "ca", c.caCert());
            putPath(node, "cert", c.clientCert());
            putPath(node, "key", c.clientKey());
        }
        try {
            createPrivateDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp");
            try {
                setPermissions(temp, "rw-------");
                Files.write(temp, JSON.writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(T.get("saved.unwritable", file, e.getMessage()), e);
        }
    }

    private static void putPath(ObjectNode node, String field, Path value) {
        if (value != null) {
            node.put(field, value.toAbsolutePath().normalize().toString());
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createPrivateDirectories(dir.getParent());
        }
        Files.createDirectory(dir);
        setPermissions(dir, "rwx------");
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
