package dev.berth.remote.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The docker CLI's context store under {@code <configDir>/contexts} (docker/cli {@code cli/context/store}):
 * {@code meta/<sha256hex(name)>/meta.json} and {@code tls/<sha256hex(name)>/docker/{ca,cert,key}.pem}. Reads what
 * the CLI writes and writes what the CLI reads.
 */
public final class DockerContexts {

    /** The virtual context built from the environment; it never exists on disk. */
    public static final String DEFAULT_CONTEXT = "default";
    static final String DOCKER_ENDPOINT = "docker";
    private static final String META_FILE = "meta.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<DockerContext> BY_NAME =
            (a, b) -> NaturalOrder.compare(a.name(), b.name());

    private final DockerConfigDir configDir;

    public DockerContexts(DockerConfigDir configDir) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
    }

    /**
     * The folder name of a context: lowercase hex SHA-256 of its UTF-8 name. Hashing keeps any name a safe folder
     * name, and it is the reason the store can only be listed by reading every meta.json.
     */
    public static String contextDirName(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public DockerConfigDir configDir() {
        return configDir;
    }

    public Path metaRoot() {
        return configDir.contextsDir().resolve("meta");
    }

    public Path metaFile(String name) {
        return metaRoot().resolve(contextDirName(name)).resolve(META_FILE);
    }

    /** Where the docker endpoint's TLS files of a context live (whether or not the folder exists). */
    public Path tlsDir(String name) {
        return tlsRootOf(name).resolve(DOCKER_ENDPOINT);
    }

    private Path tlsRootOf(String name) {
        return configDir.contextsDir().resolve("tls").resolve(contextDirName(name));
    }

    /**
     * Every stored context, sorted like {@code docker context ls}. Like the CLI this fails as a whole on a broken
     * meta.json rather than silently hiding a context.
     *
     * @throws DockerConfigException naming the file that cannot be read or parsed
     */
    public List<DockerContext> list() {
        Path root = metaRoot();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> metaFiles;
        // The CLI walks recursively, so a meta.json in a nested folder counts too.
        try (Stream<Path> files = Files.walk(root)) {
            metaFiles = files.filter(p -> p.getFileName().toString().equals(META_FILE) && Files.isRegularFile(p))
                    .toList();
        } catch (IOException e) {
            throw new DockerConfigException("Cannot list the docker contexts in " + root + ": " + e.getMessage(), e);
        }
        List<DockerContext> contexts = new ArrayList<>();
        for (Path file : metaFiles) {
            contexts.add(read(file).orElseThrow());
        }
        contexts.sort(BY_NAME);
        return contexts;
    }

    /**
     * The context with this name, read from its hashed folder directly (as the CLI does, so an unrelated broken
     * context does not get in the way). "default" is never found here: it is not stored.
     *
     * @throws DockerConfigException if its meta.json exists but cannot be read or parsed
     */
    public Optional<DockerContext> find(String name) {
        if (name == null || name.isEmpty() || DEFAULT_CONTEXT.equals(name)) {
            return Optional.empty();
        }
        return read(metaFile(name));
    }

    /**
     * Stores a new context. It refuses to overwrite one: use {@link #save} for that.
     *
     * @throws DockerConfigException if a context with that name exists or the files cannot be written
     */
    public DockerContext create(ContextDefinition definition) {
        if (Files.exists(metaFile(definition.name()))) {
            throw new DockerConfigException("A docker context named \"" + definition.name() + "\" already exists ("
                    + metaFile(definition.name()) + ").");
        }
        return save(definition);
    }

    /**
     * Stores a context, replacing one of the same name together with its old TLS files. TLS files are written first,
     * so that the CLI never sees the new meta.json with missing certificates.
     *
     * @throws IllegalArgumentException if the host is not supported or TLS material is given for a socket
     * @throws DockerConfigException    if the files cannot be written
     */
    public DockerContext save(ContextDefinition definition) {
        String name = definition.name();
        DockerHostParser.ParsedHost parsed;
        try {
            parsed = DockerHostParser.parse(definition.host());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot create the context \"" + name + "\": " + e.getMessage(), e);
        }
        boolean unix = "unix".equals(parsed.uri().getScheme());
        if (unix && (definition.tls() != null || definition.skipTlsVerify())) {
            throw new IllegalArgumentException("Cannot create the context \"" + name + "\": TLS settings only apply"
                    + " to TCP hosts, and " + parsed.uri() + " is a Unix socket.");
        }
        if (parsed.tlsImplied() && definition.tls() == null && !definition.skipTlsVerify()) {
            // A stored https:// host without TLS data makes the CLI speak plain HTTP; say TLS the way contexts can.
            throw new IllegalArgumentException("Cannot create the context \"" + name + "\": for " + definition.host()
                    + " give the CA certificate (or choose to skip verification), so that the docker CLI uses TLS"
                    + " too.");
        }
        String host = parsed.uri().toString();
        try {
            deleteRecursively(tlsRootOf(name));
            if (definition.tls() != null) {
                writeTls(name, definition.tls());
            }
            writeMeta(name, definition.description(), host, definition.skipTlsVerify());
        } catch (IOException e) {
            throw new DockerConfigException("Cannot write the docker context \"" + name + "\" to "
                    + configDir.contextsDir() + ": " + e.getMessage(), e);
        }
        return find(name).orElseThrow();
    }

    /** Deletes a stored context and its TLS files; {@code false} if there was none. */
    public boolean remove(String name) {
        ContextDefinition.validateName(name);
        Path metaDir = metaFile(name).getParent();
        boolean existed = Files.exists(metaDir);
        try {
            deleteRecursively(metaDir);
            deleteRecursively(tlsRootOf(name));
        } catch (IOException e) {
            throw new DockerConfigException("Cannot remove the docker context \"" + name + "\": " + e.getMessage(), e);
        }
        return existed;
    }

    private Optional<DockerContext> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DockerConfigException("Cannot read the docker context file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new DockerConfigException("The docker context file " + file
                        + " should contain a JSON object ({\"Name\": …}).");
            }
            String name = JsonFields.text(root, "Name");
            if (name == null || name.isEmpty()) {
                throw new DockerConfigException("The docker context file " + file + " has no \"Name\".");
            }
            JsonNode metadata = JsonFields.object(root, "Metadata");
            String description = JsonFields.text(metadata, "Description");
            JsonNode endpoints = JsonFields.object(root, "Endpoints");
            JsonNode docker = endpoints == null ? null : JsonFields.object(endpoints, DOCKER_ENDPOINT);
            String host = JsonFields.text(docker, "Host");
            boolean skipTlsVerify = JsonFields.bool(docker, "SkipTLSVerify");
            Path tls = tlsDir(name);
            return Optional.of(new DockerContext(name, description, host, skipTlsVerify,
                    Files.isDirectory(tls) ? tls : null));
        } catch (JacksonException e) {
            throw new DockerConfigException("The docker context file " + file + " is not valid JSON ("
                    + e.getOriginalMessage() + "). Remove that context's folder or fix the file.", e);
        } catch (JsonFields.WrongType e) {
            throw new DockerConfigException("The docker context file " + file + " is not usable: " + e.getMessage()
                    + ".", e);
        }
    }

    private void writeMeta(String name, String description, String host, boolean skipTlsVerify) throws IOException {
        // Field names and shape of docker/cli store.Metadata + DockerContext + EndpointMetaBase.
        ObjectNode meta = JSON.createObjectNode();
        meta.put("Name", name);
        ObjectNode metadata = meta.putObject("Metadata");
        if (description != null && !description.isEmpty()) {
            metadata.put("Description", description);
        }
        ObjectNode docker = meta.putObject("Endpoints").putObject(DOCKER_ENDPOINT);
        docker.put("Host", host);
        docker.put("SkipTLSVerify", skipTlsVerify);

        Path metaDir = metaFile(name).getParent();
        createDirectories(configDir.contextsDir(), "rwxr-xr-x");
        createDirectories(metaDir, "rwxr-xr-x");
        writeAtomically(metaDir.resolve(META_FILE), JSON.writeValueAsBytes(meta), "rw-r--r--");
    }

    private void writeTls(String name, ContextTlsMaterial tls) throws IOException {
        createDirectories(configDir.contextsDir(), "rwxr-xr-x");
        Path dir = tlsDir(name);
        createDirectories(dir, "rwx------");
        writeIfPresent(dir.resolve(TlsSettings.CA_FILE), tls.caPem());
        writeIfPresent(dir.resolve(TlsSettings.CERT_FILE), tls.certPem());
        writeIfPresent(dir.resolve(TlsSettings.KEY_FILE), tls.keyPem());
    }

    private static void writeIfPresent(Path file, String pem) throws IOException {
        if (pem != null) {
            writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), "rw-------");
        }
    }

    /** Creates the missing folders up to {@code dir}, giving each new one exactly these permissions (no umask). */
    private static void createDirectories(Path dir, String permissions) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent, permissions);
        }
        Files.createDirectory(dir);
        setPermissions(dir, permissions);
    }

    /** Temp file + rename, so a reader (the CLI, another Berth window) never sees half a file. */
    private static void writeAtomically(Path file, byte[] content, String permissions) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            setPermissions(temp, permissions);
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
