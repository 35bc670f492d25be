package dev.berth.desktop.tlswizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.WizardTestStage;
import dev.berth.remote.endpoint.DockerConfigDir;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.tls.CertificateSummary;
import dev.berth.remote.tls.PemFiles;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The certificate wizard driven by typing, checked on disk with remote's PEM reader and with the real docker CLI. */
@ExtendWith(ApplicationExtension.class)
class TlsWizardTest extends WizardTestStage {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<String> connectRequests = new ArrayList<>();
    private Stage window;

    private Path dockerConfig() {
        return temp.resolve("docker-config");
    }

    private void open(FxRobot robot, boolean clientOnly) {
        TlsWizard wizard = new TlsWizard(background, notifier, new DockerContexts(new DockerConfigDir(dockerConfig())),
                new TlsBundleGenerator(), temp.resolve("berth-config/certificates"), latest,
                (host, dir) -> connectRequests.add(host + " " + dir));
        robot.interact(() -> window = opened(wizard.open(owner, clientOnly)));
    }

    /** Focuses the node first, so that the wizard scrolls it into sight, then clicks it as a user would. */


    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static String area(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextArea.class).getText();
    }

    private static boolean finishEnabled(FxRobot robot) {
        return !robot.lookup("#tls-finish").queryAs(Button.class).isDisabled();
    }

    /** Waits until the background check has settled and {@code id} shows {@code expected}. */
    private static void awaitText(FxRobot robot, String id, String expected) {
        DesktopFixture.await(WAIT, () -> expected.equals(text(robot, id)));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void generatesTheBundleFromTypedAnswersAndADockerContextTheCliReads(FxRobot robot) throws Exception {
        open(robot, false);
        // prefilled with this machine's names and addresses, ending with the loopback ones
        String suggested = DesktopFixture.await(WAIT, () -> {
            String hosts = robot.lookup("#tls-hosts").queryTextInputControl().getText();
            return hosts.isBlank() ? null : hosts;
        });
        assertTrue(suggested.endsWith("localhost\n127.0.0.1"), suggested);
        assertEquals(temp.resolve("berth-config/certificates").resolve(suggested.lines().findFirst().orElseThrow()
                .replaceAll("[^a-zA-Z0-9_.+-]", "-")).toString(),
                robot.lookup("#tls-output").queryTextInputControl().getText(),
                "the proposed folder follows the first host");

        type(robot, "#tls-hosts", "docker.example.lan, 10.1.2.3, 127.0.0.1");
        type(robot, "#tls-client-name", "alice@laptop");
        type(robot, "#tls-days", "90");
        Path out = temp.resolve("out");
        type(robot, "#tls-output", out.toString());
        DesktopFixture.await(WAIT, () -> finishEnabled(robot));
        click(robot, "#tls-finish");
        DesktopFixture.await(WAIT, () -> robot.lookup("#tls-result-title").tryQuery().isPresent());
        assertEquals("Certificates written to " + out, text(robot, "#tls-result-title"));

        // files and their modes, like Docker's guide
        for (String key : List.of("ca-key.pem", "server-key.pem", "key.pem")) {
            assertEquals("r--------", mode(out.resolve(key)), key);
        }
        for (String cert : List.of("ca.pem", "server-cert.pem", "cert.pem")) {
            assertEquals("r--r--r--", mode(out.resolve(cert)), cert);
        }
        CertificateSummary server = CertificateSummary.of(PemFiles.readCertificates(out.resolve("server-cert.pem")).get(0));
        assertEquals(List.of("docker.example.lan"), server.dnsNames());
        assertEquals(List.of("10.1.2.3", "127.0.0.1"), server.ipAddresses());
        assertEquals(List.of("serverAuth"), server.extendedKeyUsages());
        assertEquals("EC P-256", server.keyType());
        CertificateSummary client = CertificateSummary.of(PemFiles.readCertificates(out.resolve("cert.pem")).get(0));
        assertEquals("CN=alice@laptop", client.subject());
        assertEquals(List.of("clientAuth"), client.extendedKeyUsages());
        long days = ChronoUnit.DAYS.between(Instant.now(), client.notAfter());
        assertTrue(days >= 89 && days <= 90, "90 days: " + client.notAfter());
        assertEquals(out, latest.get(), "the connect wizard now offers this folder");

        // what the result page shows
        @SuppressWarnings("unchecked")
        TableView<GeneratedBundle.WrittenFile> files = robot.lookup("#tls-files").queryAs(TableView.class);
        assertEquals(List.of("ca.pem 0444", "ca-key.pem 0400", "server-cert.pem 0444", "server-key.pem 0400",
                "cert.pem 0444", "key.pem 0400"), files.getItems().stream().map(f -> f.name() + " " + f.mode()).toList());
        assertTrue(files.getItems().get(4).expires().matches("\\d{4}-\\d{2}-\\d{2} \\((89|90) days\\)"),
                files.getItems().get(4).expires());
        assertEquals("", files.getItems().get(5).expires(), "keys do not expire");
        assertEquals("dockerd --tlsverify --tlscacert=" + out.resolve("ca.pem") + " --tlscert="
                + out.resolve("server-cert.pem") + " --tlskey=" + out.resolve("server-key.pem") + " -H=0.0.0.0:2376",
                area(robot, "#tls-dockerd-flags"));
        JsonNode daemonJson = new ObjectMapper().readTree(area(robot, "#tls-daemon-json").split("\n\n")[0]);
        assertTrue(daemonJson.get("tlsverify").asBoolean());
        assertEquals(out.resolve("server-key.pem").toString(), daemonJson.get("tlskey").asText());
        String dropIn = area(robot, "#tls-systemd");
        assertTrue(dropIn.contains("[Service]\nExecStart=\nExecStart="), dropIn);
        assertTrue(dropIn.contains(" -H fd:// -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=" + out.resolve("ca.pem")),
                dropIn);
        assertEquals("export DOCKER_HOST=tcp://docker.example.lan:2376\nexport DOCKER_TLS_VERIFY=1\n"
                + "export DOCKER_CERT_PATH=" + out, area(robot, "#tls-client-env"));

        // a docker context the real CLI sees
        assertEquals("berth-docker.example.lan", robot.lookup("#tls-context-name").queryTextInputControl().getText());
        type(robot, "#tls-context-name", "berth-it-wizard");
        click(robot, "#tls-create-context");
        DesktopFixture.await(WAIT, () -> !text(robot, "#tls-context-status").isEmpty());
        ProcessResult inspect = Commands.run(List.of(Commands.find("/usr/local/bin/docker", "/usr/bin/docker"),
                "context", "inspect", "berth-it-wizard"), Map.of("DOCKER_CONFIG", dockerConfig().toString()), null, 60)
                .requireSuccess("docker context inspect");
        JsonNode context = new ObjectMapper().readTree(inspect.stdout()).get(0);
        assertEquals("tcp://docker.example.lan:2376", context.at("/Endpoints/docker/Host").asText());
        assertFalse(context.at("/Endpoints/docker/SkipTLSVerify").asBoolean());
        List<String> material = new ArrayList<>();
        context.at("/TLSMaterial/docker").forEach(f -> material.add(f.asText()));
        assertEquals(List.of("ca.pem", "cert.pem", "key.pem"), material);
        Path contextKey = dockerConfig().resolve("contexts/tls").resolve(DockerContexts.contextDirName("berth-it-wizard"))
                .resolve("docker/key.pem");
        assertEquals(Files.readString(out.resolve("key.pem")), Files.readString(contextKey));

        click(robot, "#tls-connect");
        assertEquals(List.of("tcp://docker.example.lan:2376 " + out), connectRequests);
    }

    @Test
    void refusesBadAnswersWithASpecificMessageUnderEachFieldAndWritesNothing(FxRobot robot) throws Exception {
        Path ca = temp.resolve("ca");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(ca, List.of("localhost"))
                .withCaPassphrase("right horse".toCharArray()));
        Path taken = temp.resolve("taken");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(taken, List.of("localhost")));
        open(robot, false);
        DesktopFixture.await(WAIT, () -> !robot.lookup("#tls-hosts").queryTextInputControl().getText().isBlank());

        type(robot, "#tls-hosts", "good.example, bad_host!");
        assertEquals("Not a host name or IP address: 'bad_host!': not a valid DNS name or IP address (DNS labels are"
                + " letters, digits and inner hyphens, at most 63 characters).", text(robot, "#tls-hosts-problem"));
        type(robot, "#tls-hosts", "10.0.0.300");
        assertEquals("Not a host name or IP address: '10.0.0.300': not a valid IPv4 address.",
                text(robot, "#tls-hosts-problem"));
        type(robot, "#tls-hosts", "");
        assertEquals("Add at least one DNS name or IP address that clients use to reach the daemon.",
                text(robot, "#tls-hosts-problem"));
        type(robot, "#tls-hosts", "docker.example.lan");
        assertEquals("", text(robot, "#tls-hosts-problem"));

        type(robot, "#tls-days", "0");
        assertEquals("Validity must be from 1 to 36500 days; 0 is out of range.", text(robot, "#tls-days-problem"));
        type(robot, "#tls-days", "36501");
        assertEquals("Validity must be from 1 to 36500 days; 36501 is out of range.", text(robot, "#tls-days-problem"));
        type(robot, "#tls-days", "a year");
        assertEquals("Validity is a whole number of days, from 1 to 36500.", text(robot, "#tls-days-problem"));
        type(robot, "#tls-days", "365");
        assertEquals("", text(robot, "#tls-days-problem"));

        type(robot, "#tls-output", taken.toString());
        awaitText(robot, "#tls-output-problem", "This folder already holds ca.pem, ca-key.pem, server-cert.pem,"
                + " server-key.pem, cert.pem, key.pem. Tick \"Replace existing files\" or choose another folder.");
        assertFalse(finishEnabled(robot));
        click(robot, "#tls-overwrite");
        awaitText(robot, "#tls-output-problem", "");
        Files.writeString(taken.resolve("deploy.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n");
        click(robot, "#tls-overwrite");
        awaitText(robot, "#tls-output-problem", "This folder holds other private keys (deploy.key): choose a folder"
                + " of its own for these certificates.");
        Path out = temp.resolve("fresh");
        type(robot, "#tls-output", out.toString());
        awaitText(robot, "#tls-output-problem", "");

        click(robot, "#tls-ca-existing");
        assertEquals("Choose the folder that holds the CA's ca.pem and ca-key.pem.", text(robot, "#tls-ca-problem"));
        type(robot, "#tls-ca-folder", temp.resolve("nowhere").toString());
        awaitText(robot, "#tls-ca-problem", "There is no folder " + temp.resolve("nowhere") + ".");
        Files.createDirectories(temp.resolve("fresh-empty"));
        type(robot, "#tls-ca-folder", temp.resolve("fresh-empty").toString());
        awaitText(robot, "#tls-ca-problem", "This folder has no ca.pem: choose the folder with the CA's ca.pem and"
                + " ca-key.pem.");
        type(robot, "#tls-ca-folder", ca.toString());
        awaitText(robot, "#tls-ca-problem", "");
        awaitText(robot, "#tls-passphrase-problem", "The CA's key (ca-key.pem) is encrypted: enter its passphrase.");
        click(robot, "#tls-passphrase").write("wrong horse");
        awaitText(robot, "#tls-passphrase-problem", "Wrong passphrase: it does not decrypt ca-key.pem.");
        assertFalse(finishEnabled(robot));
        type(robot, "#tls-passphrase", "right horse");
        awaitText(robot, "#tls-passphrase-problem", "");
        DesktopFixture.await(WAIT, () -> finishEnabled(robot));
        assertFalse(Files.exists(out), "nothing is written before Finish");

        click(robot, "#tls-finish");
        DesktopFixture.await(WAIT, () -> robot.lookup("#tls-result-title").tryQuery().isPresent());
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(List.of("ca.pem", "cert.pem", "key.pem", "server-cert.pem", "server-key.pem"),
                    written.map(p -> p.getFileName().toString()).sorted().toList(), "an existing CA's key stays home");
        }
        assertEquals(Files.readString(ca.resolve("ca.pem")), Files.readString(out.resolve("ca.pem")));
    }

    @Test
    void issuesAnotherClientCertificateFromAnExistingCa(FxRobot robot) throws Exception {
        Path ca = temp.resolve("ca");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(ca, List.of("docker.example.lan")));
        open(robot, false);
        click(robot, "#tls-mode-client");
        assertTrue(robot.lookup("#tls-ca-new").queryAs(javafx.scene.control.RadioButton.class).isDisabled());
        type(robot, "#tls-ca-folder", ca.toString());
        type(robot, "#tls-hosts", "docker.example.lan");
        type(robot, "#tls-client-name", "bob");
        click(robot, "#tls-key-type");
        robot.clickOn("RSA 2048");
        Path out = temp.resolve("bob");
        type(robot, "#tls-output", out.toString());
        DesktopFixture.await(WAIT, () -> finishEnabled(robot));
        assertEquals("Issue certificate", robot.lookup("#tls-finish").queryAs(Button.class).getText());
        click(robot, "#tls-finish");
        DesktopFixture.await(WAIT, () -> robot.lookup("#tls-result-title").tryQuery().isPresent());

        assertEquals("Client certificate issued into " + out, text(robot, "#tls-result-title"));
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(List.of("ca.pem", "cert.pem", "key.pem"),
                    written.map(p -> p.getFileName().toString()).sorted().toList());
        }
        CertificateSummary bob = CertificateSummary.of(PemFiles.readCertificates(out.resolve("cert.pem")).get(0));
        assertEquals("CN=bob", bob.subject());
        assertEquals("RSA 2048", bob.keyType());
        assertEquals(CertificateSummary.of(PemFiles.readCertificates(ca.resolve("ca.pem")).get(0)).subject(), bob.issuer());
        assertFalse(robot.lookup("#tls-dockerd-flags").tryQuery().isPresent(), "no daemon texts for a client");
        assertEquals("export DOCKER_HOST=tcp://docker.example.lan:2376\nexport DOCKER_TLS_VERIFY=1\n"
                + "export DOCKER_CERT_PATH=" + out, area(robot, "#tls-client-env"));
    }
}
