package dev.berth.engine.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.api.ApiVersions;
import dev.berth.engine.testing.BerthEngine;
import dev.berth.engine.testing.DockerCli;
import dev.berth.engine.testing.DockerCli.Outcomes;
import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker volume …} with the real docker CLI against Berth's engine, each command compared with what the same
 * command prints against the real dockerd (exit code, stdout, stderr), with the engine-specific parts (data root,
 * creation time, generated names, container IDs) normalized.
 */
@ExtendWith(EngineLogOnFailure.class)
class VolumeCliTest {

    /** Unique per test, so the shared engines can hold other tests' volumes meanwhile. */
    private final String p = "vt" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeVolumes() {
        for (DockerCli cli : List.of(DockerCli.berth(), DockerCli.dockerd())) {
            ProcessResult containers = cli.run("ps", "-aq", "--filter", "label=" + p);
            if (!containers.stdout().isBlank()) {
                cli.run(concat(List.of("rm", "-f"), containers.stdout().strip().split("\\s+")));
            }
            ProcessResult volumes = cli.run("volume", "ls", "-q", "--filter", "name=" + p);
            if (!volumes.stdout().isBlank()) {
                cli.run(concat(List.of("volume", "rm", "-f"), volumes.stdout().strip().split("\\s+")));
            }
            ProcessResult labelled = cli.run("volume", "ls", "-q", "--filter", "label=" + p);
            if (!labelled.stdout().isBlank()) {
                cli.run(concat(List.of("volume", "rm", "-f"), labelled.stdout().strip().split("\\s+")));
            }
        }
    }

    @Test
    void createInspectAndRemovePrintWhatDockerdPrints() {
        same("volume", "create", "--label", "app=web", "--label", "tier", p + "-web");
        same("volume", "create", p + "-plain");
        same(VolumeCliTest::normalizeInspect, "volume", "inspect", p + "-web", p + "-plain");
        same("volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Scope}} {{json .Labels}} {{json .Options}}", p + "-web");
        same("volume", "rm", p + "-web", p + "-plain");
        same("volume", "inspect", p + "-web");
    }

    @Test
    void mountpointIsUnderTheEnginesDataRoot() {
        same("volume", "create", p + "-m");
        ProcessResult berth = DockerCli.berth().run("volume", "inspect", "-f", "{{.Mountpoint}}", p + "-m");
        assertEquals(BerthEngine.shared().dataRoot().resolve("volumes").resolve(p + "-m").resolve("_data") + "\n",
                berth.stdout());
        assertTrue(Files.isDirectory(Path.of(berth.stdout().strip())));
    }

    @Test
    void creatingAnExistingNameKeepsTheFirstVolume() {
        same("volume", "create", "--label", "v=1", p + "-again");
        same("volume", "create", "--label", "v=2", p + "-again");
        same("volume", "inspect", "-f", "{{json .Labels}}", p + "-again");
    }

    @Test
    void listAndItsFiltersMatchDockerd() {
        same("volume", "create", "--label", p + "=a", "--label", "role=db", p + "-db");
        same("volume", "create", "--label", p + "=b", p + "-web");
        same("volume", "create", p + "-cache");
        same("volume", "ls", "--filter", "name=" + p);
        same("volume", "ls", "-q", "--filter", "name=" + p + "-(db|web)$");
        same("volume", "ls", "-q", "--filter", "label=" + p);
        same("volume", "ls", "-q", "--filter", "label=" + p + "=b");
        same("volume", "ls", "-q", "--filter", "label=" + p, "--filter", "label=role=db");
        same("volume", "ls", "-q", "--filter", "driver=local", "--filter", "name=" + p);
        same("volume", "ls", "-q", "--filter", "dangling=true", "--filter", "name=" + p);
        // {{.Labels}} joins a Go map in random order; one label at a time is stable
        same("volume", "ls", "--format", "{{.Driver}} {{.Name}} {{.Label \"role\"}}", "--filter", "name=" + p + "-db");
    }

    @Test
    void errorsMatchDockerd() {
        same("volume", "create", "a");
        same("volume", "create", "a$b");
        same("volume", "create", "-d", "nosuchdriver", p + "-x");
        same("volume", "create", "--opt", "foo=bar", p + "-x");
        same("volume", "create", "--opt", "type=tmpfs", p + "-x");
        same("volume", "inspect", p + "-missing");
        same("volume", "rm", p + "-missing");
        same("volume", "rm", "-f", p + "-missing");
        same("volume", "ls", "--filter", "foo=bar");
        same("volume", "ls", "--filter", "dangling=maybe");
        same("volume", "create", p + "-exists");
        same(VolumeCliTest::normalizeInspect, "volume", "inspect", p + "-exists", p + "-missing");
    }

    @Test
    void driverOptionsAreKept() {
        same("volume", "create", "--opt", "type=tmpfs", "--opt", "device=tmpfs", "--opt", "o=size=1m", p + "-ram");
        same("volume", "inspect", "-f", "{{json .Options}}", p + "-ram");
    }

    @Test
    void pruneAtApi141RemovesEveryUnusedVolumeAsDockerd() throws Exception {
        for (DockerCli cli : List.of(DockerCli.berth(), DockerCli.dockerd())) {
            cli.run("volume", "create", "--label", p, p + "-named").requireSuccess("create");
            cli.run("volume", "create", "--label", p).requireSuccess("create anonymous");
            String mountpoint = cli.run("volume", "inspect", "-f", "{{.Mountpoint}}", p + "-named").stdout().strip();
            Files.write(Path.of(mountpoint, "blob"), new byte[2048]);
        }
        Map<String, String> api141 = Map.of("DOCKER_API_VERSION", "1.41");
        Outcomes prune = new Outcomes(
                DockerCli.berth().run(null, DockerCli.DEFAULT_TIMEOUT, api141, "volume", "prune", "-f", "--filter", "label=" + p),
                DockerCli.dockerd().run(null, DockerCli.DEFAULT_TIMEOUT, api141, "volume", "prune", "-f", "--filter", "label=" + p));
        assertSame(prune, VolumeCliTest::sortedWithAnonymousNames);
        assertTrue(prune.berth().stdout().contains("Total reclaimed space: 2.048kB"), prune.describe());
        same("volume", "ls", "-q", "--filter", "label=" + p);
    }

    @Test
    void pruneSparesNamedVolumesFromApi142UnlessAll() {
        DockerCli berth = DockerCli.berth();
        assertEquals(ApiVersions.MAX + "\n", berth.run("version", "--format", "{{.Server.APIVersion}}").stdout(),
                "the CLI negotiates the engine's newest version");
        berth.run("volume", "create", "--label", p, p + "-named").requireSuccess("create");
        String anonymous = berth.run("volume", "create", "--label", p).requireSuccess("create").stdout().strip();
        ProcessResult prune = berth.run("volume", "prune", "-f", "--filter", "label=" + p).requireSuccess("prune");
        assertEquals("Deleted Volumes:\n" + anonymous + "\n\nTotal reclaimed space: 0B\n", prune.stdout());
        assertEquals(p + "-named\n", berth.run("volume", "ls", "-q", "--filter", "label=" + p).stdout());
        prune = berth.run("volume", "prune", "--all", "-f", "--filter", "label=" + p).requireSuccess("prune --all");
        assertEquals("Deleted Volumes:\n" + p + "-named\n\nTotal reclaimed space: 0B\n", prune.stdout());
    }

    @Test
    void eventsOfAVolumeMatchDockerd() {
        double since = System.currentTimeMillis() / 1000.0 - 1;
        same("volume", "create", p + "-ev");
        same("volume", "rm", p + "-ev");
        String until = String.format("%.3f", System.currentTimeMillis() / 1000.0 + 0.5);
        same("events", "--since", String.format("%.3f", since), "--until", until, "--filter", "volume=" + p + "-ev",
                "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}}");
    }

    // ---- with containers ----------------------------------------------------------------------------------------

    @Test
    void aVolumeInUseCannotBeRemovedEvenWithForce() {
        same("volume", "create", "--label", p, p + "-used");
        same(VolumeCliTest::normalizeIds, "create", "--label", p, "-v", p + "-used:/data", BerthEngine.BUSYBOX, "true");
        same(VolumeCliTest::normalizeIds, "volume", "rm", p + "-used");
        same(VolumeCliTest::normalizeIds, "volume", "rm", "-f", p + "-used");
        same("volume", "ls", "-q", "--filter", "dangling=false", "--filter", "name=" + p);
        same("volume", "ls", "-q", "--filter", "dangling=true", "--filter", "name=" + p);
        Map<String, String> api141 = Map.of("DOCKER_API_VERSION", "1.41"); // prunes named volumes too
        assertSame(new Outcomes(
                DockerCli.berth().run(null, DockerCli.DEFAULT_TIMEOUT, api141, "volume", "prune", "-f", "--filter", "label=" + p),
                DockerCli.dockerd().run(null, DockerCli.DEFAULT_TIMEOUT, api141, "volume", "prune", "-f", "--filter", "label=" + p)),
                UnaryOperator.identity());
        same("volume", "ls", "-q", "--filter", "name=" + p + "-used");
    }

    @Test
    void aNewVolumeIsSeededFromTheImageOnFirstMount() {
        // /etc of the busybox image holds passwd and group: the empty volume takes them on first mount
        same("run", "--rm", "--label", p, "-v", p + "-etc:/etc", BerthEngine.BUSYBOX, "cat", "/etc/passwd");
        same("run", "--rm", "--label", p, "-v", p + "-etc:/mnt", BerthEngine.BUSYBOX, "ls", "/mnt");
        // a volume with content is not seeded again
        same("run", "--rm", "--label", p, "-v", p + "-etc:/bin/sub", BerthEngine.BUSYBOX, "ls", "/bin/sub");
    }

    @Test
    void dataWrittenInAContainerStaysInTheVolume() {
        same("run", "--rm", "--label", p, "-v", p + "-keep:/data", BerthEngine.BUSYBOX,
                "sh", "-c", "echo hello > /data/greeting && chmod 4750 /data/greeting && chown 7:8 /data/greeting");
        same("run", "--rm", "--label", p, "-v", p + "-keep:/d:ro", BerthEngine.BUSYBOX,
                "sh", "-c", "stat -c '%a %u %g %s' /d/greeting && cat /d/greeting && touch /d/x || echo read-only");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void same(String... args) {
        same(UnaryOperator.identity(), args);
    }

    /** Same exit code, stdout and stderr on both engines, after {@code normalize}. */
    private static void same(UnaryOperator<String> normalize, String... args) {
        assertSame(DockerCli.onBoth(args), normalize);
    }

    private static void assertSame(Outcomes both, UnaryOperator<String> normalize) {
        assertEquals(both.dockerd().exitCode(), both.berth().exitCode(), "exit code" + both.describe());
        assertEquals(normalize.apply(both.dockerd().stdout()), normalize.apply(both.berth().stdout()),
                "stdout" + both.describe());
        assertEquals(normalize.apply(both.dockerd().stderr()), normalize.apply(both.berth().stderr()),
                "stderr" + both.describe());
    }

    /** Inspect output minus what differs between any two engines: where the data root is, and when. */
    private static String normalizeInspect(String json) {
        return json.replaceAll("\"CreatedAt\": \"[^\"]*\"", "\"CreatedAt\": \"(time)\"")
                .replaceAll("\"Mountpoint\": \"[^\"]*/volumes/", "\"Mountpoint\": \"(data-root)/volumes/");
    }

    /** Container IDs (64 hex) differ between engines. */
    private static String normalizeIds(String text) {
        return text.replaceAll("[0-9a-f]{64}", "(id)");
    }

    /** Prune lists volumes in no particular order, and anonymous names are random. */
    private static String sortedWithAnonymousNames(String text) {
        return Arrays.stream(normalizeIds(text).split("\n")).sorted().collect(Collectors.joining("\n"));
    }

    private static String[] concat(List<String> head, String[] tail) {
        String[] all = Arrays.copyOf(head.toArray(String[]::new), head.size() + tail.length);
        System.arraycopy(tail, 0, all, head.size(), tail.length);
        return all;
    }
}
