package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsGenerateCommandTest {

    @TempDir
    Path tmp;

    /** Exit code and both streams of one command run. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TlsGenerateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsEveryOption() {
        for (String flag : List.of("--help", "-h")) {
            Run run = run(flag);
            assertEquals(0, run.exit());
            assertEquals("", run.err());
            for (String option : List.of("--out DIR", "--host NAME_OR_IP", "--client-name NAME", "--key-type TYPE",
                    "--days N", "--ca-dir DIR", "--ca-passphrase-file F", "--force", "ec (P-256, default), rsa2048 or rsa4096")) {
                assertTrue(run.out().contains(option), option + " missing from help:\n" + run.out());
            }
        }
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--bogus"), "unknown option '--bogus'"),
                Arguments.of(List.of("-x"), "unknown option '-x'"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "extra"), "unexpected argument 'extra'"),
                Arguments.of(List.of("--out"), "option --out needs a value"),
                Arguments.of(List.of("--out", "--host", "h"), "option --out needs a value"),
                Arguments.of(List.of("--out=", "--host", "h"), "option --out needs a non-empty value"),
                Arguments.of(List.of("--out", "OUT", "--out", "OUT2", "--host", "h"), "option --out given more than once"),
                Arguments.of(List.of("--out", "OUT"), "missing --host"),
                Arguments.of(List.of("--host", "h"), "missing --out"),
                Arguments.of(List.of("--out", "OUT", "--host", "foo_bar"), "--host 'foo_bar'"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--host", "192.168.1.300"), "--host '192.168.1.300'"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--key-type", "dsa"), "--key-type 'dsa': expected one of ec, rsa2048, rsa4096"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--days", "abc"), "--days 'abc': not a whole number"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--days=0"), "--days 0: must be between 1 and 36500"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--days", "36501"), "--days 36501"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--days", "99999999999"), "--days 99999999999: must be between"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--client-name", "  "), "--client-name '  ': client name must not be empty"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--ca-dir", "NOPE"), "--ca-dir '"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--ca-passphrase-file", "NOPE"), "--ca-passphrase-file '"),
                Arguments.of(List.of("--out", "OUT", "--host", "h", "--force=yes"), "--force does not take a value"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitTwoWithOneLineNamingTheOption(List<String> args, String reason) {
        List<String> real = new ArrayList<>();
        for (String arg : args) {
            real.add(arg.replace("OUT", tmp.resolve("out").toString()).replace("NOPE", tmp.resolve("nope").toString()));
        }
        Run run = run(real.toArray(String[]::new));
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.errLines();
        assertEquals(2, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("berth tls generate: "), lines.get(0));
        assertTrue(lines.get(0).contains(reason), "expected '" + reason + "' in: " + lines.get(0));
        assertEquals("Try 'berth tls generate --help'.", lines.get(1));
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written on bad arguments");
    }

    @Test
    void emptyPassphraseFileIsABadArgument() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "\nsecond line\n");
        Run run = run("--out", tmp.resolve("o").toString(), "--host", "h", "--ca-passphrase-file", empty.toString());
        assertEquals(2, run.exit());
        assertTrue(run.errLines().get(0).contains("--ca-passphrase-file '" + empty + "': the first line is empty"), run.err());
    }

    @Test
    void generatesAndPrintsFilesAndUsage() throws Exception {
        Path out = tmp.resolve("certs");
        Run run = run("--out=" + out, "--host=docker.example.lan", "--host", "192.168.1.20", "--client-name=alice",
                "--key-type=ec", "--days=90");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        String abs = out.toAbsolutePath().toString();
        String text = run.out();
        assertTrue(text.startsWith("Created a new CA and certificates in " + abs + ":\n"), text);
        assertTrue(text.contains("  0444  ca.pem           CA certificate, CN=Berth CA "), text);
        assertTrue(text.contains("  0400  ca-key.pem       CA private key, keep it off the daemon host"), text);
        assertTrue(text.contains("  0444  server-cert.pem  server certificate, CN=docker.example.lan for docker.example.lan,"
                + " 192.168.1.20, EC P-256, expires "), text);
        assertTrue(text.contains("(90 days)"), text);
        assertTrue(text.contains("  0444  cert.pem         client certificate, CN=alice, EC P-256, expires "), text);
        assertTrue(text.contains("  0400  key.pem          client private key"), text);
        assertTrue(text.contains("  0400  server-key.pem   server private key"), text);
        assertTrue(text.contains("dockerd --tlsverify --tlscacert=" + abs + "/ca.pem --tlscert=" + abs
                + "/server-cert.pem --tlskey=" + abs + "/server-key.pem -H=0.0.0.0:2376\n"), text);
        assertTrue(text.contains("\"hosts\": [\"tcp://0.0.0.0:2376\"]"), text);
        assertTrue(text.contains("\n  export DOCKER_HOST=tcp://docker.example.lan:2376\n"), text);
        assertTrue(text.contains("\n  export DOCKER_TLS_VERIFY=1\n"), text);
        assertTrue(text.contains("\n  export DOCKER_CERT_PATH=" + abs + "\n"), text);
        assertTrue(text.contains("docker --tlsverify --tlscacert=" + abs + "/ca.pem --tlscert=" + abs + "/cert.pem --tlskey="
                + abs + "/key.pem -H=tcp://docker.example.lan:2376 version"), text);
        assertEquals(6, TlsBundleGeneratorTest.fileNames(out).size());
    }

    @Test
    void existingFilesFailWithExitOneUnlessForced() {
        Path out = tmp.resolve("certs");
        assertEquals(0, run("--out", out.toString(), "--host", "localhost").exit());

        Run again = run("--out", out.toString(), "--host", "localhost");
        assertEquals(1, again.exit());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().startsWith("berth tls generate: " + out.toAbsolutePath() + " already contains ca.pem"), again.err());
        assertEquals("", again.out());

        Run forced = run("--out", out.toString(), "--host", "localhost", "--force");
        assertEquals(0, forced.exit(), forced.err());
    }

    @Test
    void passphraseFileEncryptsTheCaAndUnlocksItForReuse() throws Exception {
        // First line only, line ending stripped.
        Path passFile = Files.writeString(tmp.resolve("pass.txt"), "pa ss\r\nignored second line\n");
        Path caOut = tmp.resolve("first");
        Run first = run("--out", caOut.toString(), "--host", "localhost", "--ca-passphrase-file", passFile.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("CA private key (encrypted)"), first.out());
        PemFiles.readPrivateKey(caOut.resolve("ca-key.pem"), "pa ss".toCharArray());

        Path second = tmp.resolve("second");
        Run reuse = run("--out", second.toString(), "--host", "other.lan", "--ca-dir", caOut.toString(),
                "--ca-passphrase-file", passFile.toString());
        assertEquals(0, reuse.exit(), reuse.err());
        assertTrue(reuse.out().startsWith("Issued certificates from the existing CA into "), reuse.out());
        assertFalse(Files.exists(second.resolve("ca-key.pem")));
        TlsBundleGeneratorTest.cert(second, "server-cert.pem").verify(TlsBundleGeneratorTest.cert(caOut, "ca.pem").getPublicKey());

        Path wrongFile = Files.writeString(tmp.resolve("wrong.txt"), "nope\n");
        Run wrong = run("--out", tmp.resolve("third").toString(), "--host", "x.lan", "--ca-dir", caOut.toString(),
                "--ca-passphrase-file", wrongFile.toString());
        assertEquals(1, wrong.exit());
        assertEquals(List.of("berth tls generate: wrong passphrase for the private key in " + caOut.resolve("ca-key.pem")),
                wrong.errLines());

        Run none = run("--out", tmp.resolve("fourth").toString(), "--host", "x.lan", "--ca-dir", caOut.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("is encrypted and no passphrase was given"), none.err());
        assertFalse(none.err().contains("Exception"), none.err());
    }

    @Test
    void tlsCommandDispatches() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, TlsCommand.run(new String[] {"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("generate"));

        out.reset();
        assertEquals(0, TlsCommand.run(new String[] {"generate", "--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: berth tls generate"));

        assertEquals(2, TlsCommand.run(new String[] {"renew"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("berth tls: unknown subcommand 'renew' (expected: generate)\n"));

        err.reset();
        assertEquals(2, TlsCommand.run(new String[0], o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("berth tls: missing subcommand"));

        err.reset();
        assertEquals(2, TlsCommand.run(new String[] {"generate", "--nope"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("berth tls generate: unknown option '--nope'"));
    }
}
