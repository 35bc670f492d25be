package dev.berth.desktop.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.desktop.connect.SavedConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's settings in {@code settings.json} in its configuration folder ({@code $XDG_CONFIG_HOME/berth}, else
 * {@code ~/.config/berth}), readable by the user only. A file that cannot be read is not fatal: the defaults apply,
 * a warning names the file and the problem, and the next save replaces it. Fields Berth does not know (written by a
 * newer version) are kept when saving. Every call reads or writes the file; call it in the background.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    public static final String FILE_NAME = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private Settings memory = Settings.defaults();

    private SettingsStore(Path file) {
        this.file = file;
    }

    /** The store in Berth's configuration folder for this environment and home directory. */
    public static SettingsStore forUser(Map<String, String> env, Path home) {
        return at(SavedConnections.configDir(env, home).resolve(FILE_NAME));
    }

    public static SettingsStore at(Path file) {
        return new SettingsStore(file.toAbsolutePath().normalize());
    }

    /** Settings that last as long as the app (an app built without a user's configuration, as in tests). */
    public static SettingsStore inMemory() {
        return new SettingsStore(null);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The saved settings; the defaults for a missing file, and (with a logged warning) for an unreadable one. */
    public synchronized Settings load() {
        if (file == null) {
            return memory;
        }
        ObjectNode root;
        try {
            root = readTree();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Berth's settings in {} cannot be read ({}); using the defaults. Changing a setting replaces "
                    + "the file.", file, e.getMessage());
            return Settings.defaults();
        }
        if (root == null) {
            return Settings.defaults();
        }
        Settings d = Settings.defaults();
        Language language = d.language();
        JsonNode lang = root.get("language");
        if (lang != null) {
            language = Language.ofCode(lang.asText()).orElseGet(() -> {
                LOG.warn("{}: unknown language \"{}\"; using the system's", file, lang.asText());
                return d.language();
            });
        }
        return new Settings(language, remoteAccess(root.path("remoteAccess"), d.remoteAccess()));
    }

    private RemoteAccess remoteAccess(JsonNode node, RemoteAccess d) {
        if (!node.isObject()) {
            return d;
        }
        int port = node.path("port").asInt(d.port());
        if (port < 1 || port > 65535) {
            LOG.warn("{}: port {} is not a TCP port; using {}", file, node.path("port").asText(), d.port());
            port = d.port();
        }
        String address = node.path("address").asText("").strip();
        Path folder = null;
        String folderText = node.path("certificateFolder").asText("");
        if (!folderText.isBlank()) {
            try {
                folder = Path.of(folderText);
            } catch (InvalidPathException e) {
                LOG.warn("{}: certificate folder \"{}\" is not a path; it is left empty", file, folderText);
            }
        }
        return new RemoteAccess(node.path("enabled").asBoolean(false), address.isEmpty() ? d.address() : address,
                port, folder);
    }

    /** The file's JSON object, or null when there is no file (or it is empty). */
    private ObjectNode readTree() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (text.isBlank()) {
            return null;
        }
        JsonNode root = JSON.readTree(text);
        if (!(root instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return object;
    }

    /**
     * Writes the settings: to a private temporary file next to settings.json, then renamed over it, so the file is
     * always whole and never readable by others.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public synchronized void save(Settings settings) {
        if (file == null) {
            memory = settings;
            return;
        }
        ObjectNode root;
        try {
            root = readTree();
        } catch (IOException | IllegalArgumentException e) {
            root = null; // replaced, as load() warned
        }
        if (root == null) {
            root = JSON.createObjectNode();
        }
        root.put("language", settings.language().code());
        RemoteAccess remote = settings.remoteAccess();
        ObjectNode node = root.putObject("remoteAccess");
        node.put("enabled", remote.enabled());
        node.put("address", remote.address());
        node.put("port", remote.port());
        if (remote.certificateFolder() != null) {
            node.put("certificateFolder", remote.certificateFolder().toAbsolutePath().normalize().toString());
        }
        try {
            createPrivateDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp");
            try {
                setPermissions(temp, "rw-------");
                Files.write(temp, JSON.writeValueAsBytes(root), StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save Berth's settings to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads, changes and saves in one step, so that two changes at once (language, remote access) both stay. */
    public synchronized Settings update(java.util.function.UnaryOperator<Settings> change) {
        Settings next = change.apply(load());
        save(next);
        return next;
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
