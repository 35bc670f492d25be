package dev.berth.desktop.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.settings.RemoteAccess;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.cli.EngineOptionsParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener flags Settings builds, read by the engine's own parser on top of the embedded engine's options. */
class EmbeddedEngineFlagsTest {

    private final Path certs = Path.of("certs").toAbsolutePath();

    @Test
    void theTlsListenerIsAddedBesideTheUnixSocket() throws Exception {
        EmbeddedEngine engine = EmbeddedEngine.standard();
        EngineOptions options = engine.optionsWith(new RemoteAccess(true, "0.0.0.0", 2376, certs).startFlags());
        EngineOptions base = EngineOptions.defaults();
        assertEquals(List.of(EngineOptions.DEFAULT_SOCKET, "tcp://0.0.0.0:2376"), options.hosts());
        assertTrue(options.tlsVerify());
        assertEquals(certs.resolve("ca.pem"), options.tlsCaCert());
        assertEquals(certs.resolve("server-cert.pem"), options.tlsCert());
        assertEquals(certs.resolve("server-key.pem"), options.tlsKey());
        assertEquals(base.dataRoot(), options.dataRoot());
        assertEquals(base.execRoot(), options.execRoot());
        assertEquals(base.group(), options.group());
        assertEquals(false, options.allowInsecureTcp());
    }

    @Test
    void withoutFlagsTheEngineKeepsItsOwnOptionsAndAGroupLeftUnsetStaysUnset() throws Exception {
        EngineOptions own = new EngineOptions(List.of("unix:///tmp/x.sock"), Path.of("/tmp/d"), Path.of("/tmp/e"),
                "runc", "info", null, false, false, null, null, null, false, "berth0", "172.31.0.1/16", "10.201.0.0/16",
                24);
        EmbeddedEngine engine = new EmbeddedEngine(own);
        assertSame(own, engine.optionsWith(List.of()));
        EngineOptions withTls = engine.optionsWith(new RemoteAccess(true, "::", 2376, certs).startFlags());
        assertEquals(List.of("unix:///tmp/x.sock", "tcp://[::]:2376"), withTls.hosts());
        assertEquals(null, withTls.group());
    }

    @Test
    void aFlagTheEngineDoesNotKnowIsAUsageError() {
        assertThrows(EngineOptionsParser.UsageException.class,
                () -> EmbeddedEngine.standard().optionsWith(List.of("--no-such-flag")));
    }
}
