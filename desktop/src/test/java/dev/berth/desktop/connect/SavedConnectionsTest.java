package dev.berth.desktop.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineCatalog;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved-connections file: what it holds (paths, never keys), where it lives, and how the engines list reads it. */
class SavedConnectionsTest {

    @TempDir
    Path temp;

    private TlsBundle bundle(String name, int days) {
        return new TlsBundleGenerator().generate(TlsBundleRequest.of(temp.resolve(name), List.of("localhost"))
                .withDays(days));
    }

    private static SavedConnection tlsConnection(String name, TlsBundle bundle) {
        Path dir = bundle.outDir();
        return new SavedConnection(name, "tcp://localhost:2376", true, true, dir.resolve("ca.pem"),
                dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    @Test
    void livesInXdgConfigHomeWhenAbsoluteElseInDotConfig() {
        Path home = temp.resolve("home");
        assertEquals(temp.resolve("xdg/berth"), SavedConnections.configDir(Map.of("XDG_CONFIG_HOME",
                temp.resolve("xdg").toString()), home));
        assertEquals(home.resolve(".config/berth"), SavedConnections.configDir(Map.of(), home));
        assertEquals(home.resolve(".config/berth"), SavedConnections.configDir(Map.of("XDG_CONFIG_HOME", "relative"),
                home), "the XDG spec says relative paths are ignored");
        assertEquals(home.resolve(".config/berth/connections.json"),
                SavedConnections.forUser(Map.of(), home).file().orElseThrow());
    }

    @Test
    void keepsNamesAddressesAndPathsButNoKeyMaterialInAnOwnerOnlyFile() throws Exception {
        TlsBundle bundle = bundle("bundle", 365);
        Path home = temp.resolve("home");
        SavedConnections store = SavedConnections.forUser(Map.of(), home);
        store.save(tlsConnection("prod", bundle));
        store.save(new SavedConnection("local", "unix:///run/user/1000/docker.sock", false, true, null, null, null));

        Path file = store.file().orElseThrow();
        String json = Files.readString(file);
        assertFalse(json.contains("PRIVATE KEY"), json);
        assertFalse(json.contains("BEGIN CERTIFICATE"), json);
        assertTrue(json.contains(bundle.outDir().resolve("key.pem").toString()), json);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        List<SavedConnection> reread = SavedConnections.forUser(Map.of(), home).list();
        assertEquals(List.of(tlsConnection("prod", bundle),
                new SavedConnection("local", "unix:///run/user/1000/docker.sock", false, true, null, null, null)), reread);
    }

    @Test
    void savingTheSameNameAgainReplacesItInPlaceAndRemoveForgetsIt() {
        SavedConnections store = SavedConnections.at(temp.resolve("c.json"));
        store.save(new SavedConnection("a", "tcp://a:2375", false, true, null, null, null));
        store.save(new SavedConnection("b", "tcp://b:2375", false, true, null, null, null));
        store.save(new SavedConnection("a", "tcp://a2:2375", false, true, null, null, null));
        assertEquals(List.of("tcp://a2:2375", "tcp://b:2375"), store.list().stream().map(SavedConnection::host).toList());
        assertTrue(store.remove("a"));
        assertFalse(store.remove("a"));
        assertEquals(List.of("b"), store.list().stream().map(SavedConnection::name).toList());
    }

    @Test
    void aBrokenFileIsReportedByNameAndHidesNoOtherEngine() throws Exception {
        Path file = temp.resolve("connections.json");
        Files.writeString(file, "{ not json");
        SavedConnections store = SavedConnections.at(file);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, store::list);
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(List.of(), store.entries(Clock.systemUTC()));
    }

    @Test
    void theEnginesListShowsSavedConnectionsAfterARestartFlaggingCertificatesThatExpireWithin30Days() {
        TlsBundle soon = bundle("soon", 12);
        TlsBundle later = bundle("later", 365);
        Path file = temp.resolve("config/connections.json");
        SavedConnections.at(file).save(tlsConnection("expiring", soon));
        SavedConnections.at(file).save(new SavedConnection("fine", "tcp://127.0.0.1:2376", true, true,
                later.outDir().resolve("ca.pem"), later.outDir().resolve("cert.pem"), later.outDir().resolve("key.pem")));

        // a new app: a new store on the same file, read by the catalog in the background
        SavedConnections afterRestart = SavedConnections.at(file);
        EngineCatalog catalog = new EngineCatalog(new EndpointResolver(Map.of(), temp.resolve("home")),
                () -> afterRestart.entries(Clock.systemUTC()), List.of());
        List<EngineEntry> engines = catalog.discover();
        assertEquals(List.of("expiring", "fine"), engines.stream().map(EngineEntry::name).toList());
        assertEquals(List.of("saved", "saved"), engines.stream().map(EngineEntry::origin).toList());
        assertTrue(engines.get(0).endpoint().isTls());
        assertEquals(soon.outDir().resolve("cert.pem"), engines.get(0).endpoint().tls().clientCert());
        assertEquals("The client certificate expires in 12 days (" + soon.client().notAfter().toString().substring(0, 10)
                + ").", engines.get(0).certificateWarning());
        assertNull(engines.get(1).certificateWarning());
    }
}
