package dev.berth.desktop.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** settings.json: what is saved comes back, only its owner can read it, and a broken file never stops the app. */
class SettingsStoreTest {

    @TempDir
    Path temp;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SettingsStore.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void whatIsSavedIsLoadedBack() {
        Path file = temp.resolve("config/berth/settings.json");
        SettingsStore store = SettingsStore.at(file);
        assertEquals(Settings.defaults(), store.load(), "no file yet: the defaults");

        Path certs = temp.resolve("certs");
        Settings saved = new Settings(Language.KOREAN, new RemoteAccess(true, "127.0.0.1", 12376, certs));
        store.save(saved);
        assertEquals(saved, SettingsStore.at(file).load());

        store.update(s -> s.withLanguage(Language.ENGLISH));
        assertEquals(new Settings(Language.ENGLISH, saved.remoteAccess()), store.load(),
                "changing the language keeps the remote access settings");
    }

    @Test
    void theFileAndTheFolderItCreatesAreTheOwnersOnly() throws Exception {
        Path file = temp.resolve("xdg/berth/settings.json");
        SettingsStore store = SettingsStore.forUser(Map.of("XDG_CONFIG_HOME", temp.resolve("xdg").toString()),
                temp.resolve("home"));
        assertEquals(file, store.file().orElseThrow());
        store.save(Settings.defaults().withLanguage(Language.KOREAN));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
        }
        store.save(Settings.defaults());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a replaced file keeps the mode");
    }

    @Test
    void aCorruptFileGivesTheDefaultsWithAWarningThatNamesIt() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"language\": \"ko\", \"remoteAccess\": {\"enabled\": tru");
        Settings loaded = SettingsStore.at(file).load();
        assertEquals(Settings.defaults(), loaded);
        ILoggingEvent warning = log.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst()
                .orElseThrow(() -> new AssertionError("no warning logged"));
        assertTrue(warning.getFormattedMessage().contains(file.toString()), warning.getFormattedMessage());
        assertTrue(warning.getFormattedMessage().contains("using the defaults"), warning.getFormattedMessage());

        SettingsStore.at(file).save(Settings.defaults().withLanguage(Language.KOREAN));
        assertEquals(Language.KOREAN, SettingsStore.at(file).load().language(), "saving replaces the broken file");
    }

    @Test
    void aWrongValueFallsBackAloneAndUnknownFieldsSurviveASave() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, """
                {"language": "fr", "theme": "dark",
                 "remoteAccess": {"enabled": true, "address": "10.0.0.1", "port": 99999, "certificateFolder": "/c"}}
                """);
        Settings loaded = SettingsStore.at(file).load();
        assertEquals(Language.SYSTEM, loaded.language());
        assertEquals(new RemoteAccess(true, "10.0.0.1", RemoteAccess.DEFAULT_PORT, Path.of("/c")),
                loaded.remoteAccess());
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("unknown language \"fr\"")));
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("port 99999")));

        SettingsStore.at(file).save(loaded.withLanguage(Language.ENGLISH));
        assertEquals("dark", new ObjectMapper().readTree(file.toFile()).path("theme").asText(),
                "a field of a newer Berth is kept");
    }

    @Test
    void theListenerFlagsAreDockerdsWithIpv6InBrackets() {
        Path certs = Path.of("certs").toAbsolutePath();
        RemoteAccess v4 = new RemoteAccess(true, "0.0.0.0", 2376, certs);
        assertEquals(List.of("-H", "tcp://0.0.0.0:2376", "--tlsverify",
                "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("server-cert.pem").toString(),
                "--tlskey", certs.resolve("server-key.pem").toString()), v4.startFlags());
        assertEquals("tcp://[::]:2376", new RemoteAccess(true, "::", 2376, certs).hostUri());
        assertEquals(List.of(), v4.withEnabled(false).startFlags(), "off: the engine gets no TCP listener");
    }
}
