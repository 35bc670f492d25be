package dev.berth.remote.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake home with a {@code .docker} folder laid out the way the docker CLI writes it. */
final class DockerConfigFixture {

    final Path home;
    final Path configDir;

    private DockerConfigFixture(Path home) {
        this.home = home;
        this.configDir = home.resolve(".docker");
    }

    static DockerConfigFixture in(Path tempDir) {
        DockerConfigFixture fixture = new DockerConfigFixture(tempDir.resolve("home"));
        mkdirs(fixture.configDir);
        return fixture;
    }

    void configJson(String json) {
        write(configDir.resolve("config.json"), json);
    }

    /** meta.json exactly as {@code docker context create} writes it. */
    Path context(String name, String description, String host, boolean skipTlsVerify) {
        return rawMeta(DockerContexts.contextDirName(name), "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\""
                + description + "\"},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":"
                + skipTlsVerify + "}}}");
    }

    Path rawMeta(String dirName, String content) {
        Path file = configDir.resolve("contexts/meta").resolve(dirName).resolve("meta.json");
        write(file, content);
        return file;
    }

    /** The TLS folder of a context with the given files (dummy PEM content). */
    Path contextTls(String name, String... files) {
        Path dir = configDir.resolve("contexts/tls").resolve(DockerContexts.contextDirName(name)).resolve("docker");
        mkdirs(dir);
        for (String file : files) {
            write(dir.resolve(file), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        }
        return dir;
    }

    static void write(Path file, String content) {
        mkdirs(file.getParent());
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
