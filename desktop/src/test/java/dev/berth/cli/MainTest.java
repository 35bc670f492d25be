package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionClientOnlyNamesBerthAndItsApiRange() {
        assertEquals(0, run("version", "--client"));
        assertTrue(out().contains("API versions: 1.41 to 1.51"), out());
    }

    @Test
    void versionReportsAnUnreachableEngineInPlainWords(@TempDir Path dir) {
        assertEquals(1, run("version", "-H", "unix://" + dir.resolve("none.sock")));
        assertTrue(out().contains("does not exist"), out());
    }

    @Test
    void unknownCommandExitsTwoWithOneLine() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err().strip().lines().count());
        assertTrue(err().contains("frobnicate"));
    }

    @Test
    void tlsGenerateIsReachableFromTheLauncher(@TempDir Path dir) {
        Path out = dir.resolve("certs");
        assertEquals(0, run("tls", "generate", "--out", out.toString(), "--host", "localhost"), err());
        assertTrue(Files.exists(out.resolve("server-cert.pem")));
        assertTrue(out().contains("DOCKER_CERT_PATH=" + out.toAbsolutePath()), out());
    }

    @Test
    void monitorIsReachableFromTheLauncher() {
        assertEquals(0, run("monitor", "--help"));
        assertTrue(out().startsWith("Usage: berth monitor --listen ADDRESS"), out());
        assertEquals(2, run("monitor", "--listen", "tcp://0.0.0.0:2399"));
        assertTrue(err().contains("loopback"), err());
    }

    @Test
    void tlsGenerateBadArgumentExitsTwo() {
        assertEquals(2, run("tls", "generate", "--days", "soon"));
        assertEquals(1, err().strip().lines().filter(l -> l.startsWith("berth tls generate:")).count(), err());
    }

    @Test
    void plainBerthWithoutADisplaySaysWhy() {
        assertTrue(AppLauncher.missingDisplay(java.util.Map.of(), null).contains("no display"));
        assertEquals(null, AppLauncher.missingDisplay(java.util.Map.of("DISPLAY", ":0"), null));
        assertEquals(null, AppLauncher.missingDisplay(java.util.Map.of(), "Monocle"));
    }

    @Test
    void languageComesFromLangOptionThenBerthLangElseTheSystem() {
        java.util.Map<String, String> korean = java.util.Map.of("BERTH_LANG", "ko_KR.UTF-8");
        assertEquals(java.util.Locale.KOREAN, AppLauncher.language(new String[] {"--lang", "ko"}, java.util.Map.of()));
        assertEquals(java.util.Locale.ENGLISH, AppLauncher.language(new String[] {"--lang=en"}, korean));
        assertEquals(java.util.Locale.KOREAN, AppLauncher.language(new String[0], korean));
        assertEquals(null, AppLauncher.language(new String[0], java.util.Map.of()));
    }

    @Test
    void anUnknownLanguageIsRefusedBeforeAnyWindowOpens() {
        assertEquals(2, run("--lang", "fr"));
        assertTrue(err().contains("unknown language \"fr\""), err());
        assertEquals(2, run("--lang"));
        assertTrue(err().contains("--lang needs a language"), err());
    }
}
