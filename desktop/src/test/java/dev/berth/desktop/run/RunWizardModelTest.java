package dev.berth.desktop.run;


import dev.berth.desktop.run.PortMappingRow.Protocol;
import dev.berth.desktop.run.RunWizardModel.Field;
import dev.berth.desktop.run.RunWizardModel.Restart;
import dev.berth.desktop.run.RunWizardModel.Step;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.PortBinding;
import dev.berth.remote.containers.RestartPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunWizardModelTest {

    private final RunWizardModel model = new RunWizardModel();

    private RunWizardModel withImage() {
        model.imageProperty().set("busybox:1.36");
        return model;
    }

    @Test
    void anEmptyWizardOnlyLacksAnImage() {
        assertEquals("choose an image to run", model.problem(Field.IMAGE));
        assertFalse(model.validProperty(Step.IMAGE).get());
        assertTrue(model.validProperty(Step.ENVIRONMENT).get());
        assertFalse(model.isValid());
        assertEquals("", model.dockerRunLineProperty().get());
        assertThrows(IllegalStateException.class, model::toRequest);

        withImage();
        assertTrue(model.isValid());
        assertEquals("docker run -d busybox:1.36", model.dockerRunLineProperty().get());
    }

    @Test
    void imageReferencesMustBeLowercaseAndWithoutSpaces() {
        model.imageProperty().set("MyApp:latest");
        assertEquals("repository names must be lowercase", model.problem(Field.IMAGE));
        model.imageProperty().set("Registry.Example.com:5000/team/app:V1");
        assertEquals("", model.problem(Field.IMAGE), "registry hosts and tags may have capitals");
        model.imageProperty().set("busy box");
        assertEquals("an image reference has no spaces", model.problem(Field.IMAGE));
    }

    @Test
    void namesFollowDockersRuleAndTakenNamesAreFlagged() {
        withImage();
        String rule = "use letters, digits and _ . - only, starting with a letter or digit (at least 2 characters)";
        model.nameProperty().set("-web");
        assertEquals("\"-web\" is not a valid name: " + rule, model.problem(Field.NAME));
        assertFalse(model.validProperty(Step.IMAGE).get());
        assertFalse(model.isValid());
        model.nameProperty().set("my web");
        assertEquals("\"my web\" is not a valid name: " + rule, model.problem(Field.NAME));
        model.nameProperty().set("w");
        assertEquals("\"w\" is not a valid name: " + rule, model.problem(Field.NAME));
        model.nameProperty().set("web_1.blue-2");
        assertEquals("", model.problem(Field.NAME));
        model.takenNames().add("web_1.blue-2");
        assertEquals("a container named \"web_1.blue-2\" already exists", model.problem(Field.NAME));
        model.nameProperty().set("");
        assertTrue(model.isValid(), "no name: the engine picks one");
        assertNull(model.containerName());
    }

    @Test
    void commandAndEntrypointMustParseLikeAShell() {
        withImage();
        model.commandProperty().set("sh -c 'echo hi");
        assertEquals("a single quote (') is not closed", model.problem(Field.COMMAND));
        model.entrypointProperty().set("\"/bin/sh");
        assertEquals("a double quote (\") is not closed", model.problem(Field.ENTRYPOINT));
        assertEquals(List.of("Command: a single quote (') is not closed",
                        "Entrypoint: a double quote (\") is not closed"),
                model.problemsProperty().get().stream().map(Object::toString).toList());
    }

    @Test
    void envRowsNeedANameBlankRowsAreIgnoredAndDuplicatesFlagged() {
        withImage();
        EnvVarRow blank = new EnvVarRow();
        EnvVarRow noKey = new EnvVarRow("", "bar");
        model.env().addAll(blank, noKey);
        assertEquals("", blank.problem());
        assertEquals("a variable needs a name", noKey.problem());
        assertFalse(model.validProperty(Step.ENVIRONMENT).get());
        assertEquals("Environment row 2", model.problemsProperty().get().get(0).where());

        noKey.keyProperty().set("FOO");
        assertEquals("", noKey.problem());
        assertTrue(model.validProperty(Step.ENVIRONMENT).get(), "the model revalidates when a row is edited");
        EnvVarRow again = new EnvVarRow("FOO", "baz");
        model.env().add(again);
        assertEquals("FOO is already set in an earlier row", again.problem());
        again.keyProperty().set("MY VAR");
        assertEquals("a variable name cannot contain spaces", again.problem());
    }

    @Test
    void portRowsCheckNumbersAddressesAndDuplicates() {
        withImage();
        PortMappingRow row = new PortMappingRow("", "80800", "80", Protocol.TCP);
        model.ports().add(row);
        assertEquals("host port must be a number from 1 to 65535", row.problem());
        assertFalse(model.validProperty(Step.PORTS).get());
        row.hostPortProperty().set("8080");
        row.containerPortProperty().set("http");
        assertEquals("container port must be a number from 1 to 65535", row.problem());
        row.containerPortProperty().set("80");
        row.hostIpProperty().set("127.0.0.300");
        assertEquals("\"127.0.0.300\" is not an IP address (leave it empty for every interface)", row.problem());
        row.hostIpProperty().set("[::1]");
        assertEquals("", row.problem());
        row.hostPortProperty().set("");
        assertEquals("enter a host port, or choose random", row.problem());
        row.randomHostPortProperty().set(true);
        assertEquals("", row.problem());

        PortMappingRow first = new PortMappingRow("", "9000", "90", Protocol.UDP);
        PortMappingRow clash = new PortMappingRow("127.0.0.1", "9000", "91", Protocol.UDP);
        PortMappingRow otherProtocol = new PortMappingRow("127.0.0.1", "9000", "91", Protocol.TCP);
        model.ports().addAll(first, clash, otherProtocol);
        assertEquals("host port 9000/udp is already published by an earlier row", clash.problem());
        assertEquals("", otherProtocol.problem());
    }

    @Test
    void mountsNeedAbsoluteContainerPathsAndExistingHostPaths(@TempDir Path dir) {
        withImage();
        MountRow volume = new MountRow("data", "data", false);
        model.volumes().add(volume);
        assertEquals("the container path must be absolute (start with /)", volume.problem());
        volume.targetProperty().set("/data");
        assertEquals("", volume.problem());
        volume.sourceProperty().set("my/vol");
        assertTrue(volume.problem().startsWith("\"my/vol\" is not a valid volume name"));
        volume.sourceProperty().set("data");

        MountRow bind = new MountRow(dir.resolve("missing").toString(), "/site", true);
        model.binds().add(bind);
        assertEquals(dir.resolve("missing") + " does not exist on this machine", bind.problem());
        assertFalse(model.validProperty(Step.STORAGE).get());
        model.engineLocalProperty().set(false);
        assertEquals("", bind.problem(), "a remote engine's paths cannot be checked here");
        model.engineLocalProperty().set(true);
        bind.sourceProperty().set(dir.toString());
        assertEquals("", bind.problem());
        bind.sourceProperty().set("relative/dir");
        assertEquals("the host path must be absolute (start with /)", bind.problem());
        bind.sourceProperty().set(dir.toString());
        bind.targetProperty().set("/data/");
        assertEquals("/data is already mounted (volume data)", bind.problem());

        TmpfsMountRow tmpfs = new TmpfsMountRow("/", "");
        model.tmpfs().add(tmpfs);
        assertEquals("nothing can be mounted over the container's root (/)", tmpfs.problem());
    }

    @Test
    void networkPolicyAndResourcesAreChecked() {
        withImage();
        model.networkAliasesProperty().set("web");
        assertEquals("aliases need a user-defined network; choose one above", model.problem(Field.NETWORK_ALIASES));
        model.networkProperty().set("backend");
        assertEquals("", model.problem(Field.NETWORK_ALIASES));

        model.restartProperty().set(Restart.ON_FAILURE);
        model.restartCountProperty().set("three");
        assertEquals("the retry count must be a whole number, like 3 (empty: no limit)", model.problem(Field.RESTART_COUNT));
        model.restartCountProperty().set("3");
        assertEquals("", model.problem(Field.RESTART_COUNT));
        model.autoRemoveProperty().set(true);
        assertEquals("auto-remove (--rm) cannot be combined with a restart policy", model.problem(Field.AUTO_REMOVE));
        model.autoRemoveProperty().set(false);

        model.memoryProperty().set("256x");
        assertEquals("unknown memory unit in \"256x\": use b, k, m, g or t, as in 256m or 1g", model.problem(Field.MEMORY));
        model.memoryProperty().set("1m");
        assertEquals("the engine needs at least 6m (6 MiB)", model.problem(Field.MEMORY));
        model.memoryProperty().set("1g");
        assertEquals("", model.problem(Field.MEMORY));

        model.cpusProperty().set("half");
        assertEquals("\"half\" is not a number of CPUs: write it like 0.5 or 2", model.problem(Field.CPUS));
        model.cpusProperty().set("0");
        assertEquals("CPUs must be more than 0", model.problem(Field.CPUS));
        model.engineCpusProperty().set(2);
        model.cpusProperty().set("4");
        assertEquals("the engine has only 2 CPUs", model.problem(Field.CPUS));
        model.cpusProperty().set("1.50");
        assertEquals("", model.problem(Field.CPUS));
        assertTrue(model.validProperty(Step.NETWORK).get());
        assertTrue(model.isValid());
    }

    @Test
    void buildsTheCreateRequestFromEveryAnswer(@TempDir Path dir) {
        fillEverything(dir);
        ContainerCreateRequest request = model.toRequest();
        ContainerConfig config = request.config();
        HostConfig host = request.hostConfig();
        assertEquals("busybox:1.36", config.image());
        assertEquals(List.of("/bin/sh"), config.entrypoint());
        assertEquals(List.of("-c", "echo \"$GREETING\"; sleep 300"), config.cmd());
        assertEquals(List.of("FOO=bar", "GREETING=it's a \"test\""), config.env());
        assertEquals(Map.of("80/tcp", Map.of(), "53/udp", Map.of()), config.exposedPorts());
        assertEquals(Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "8080")),
                "53/udp", List.of(new PortBinding("", ""))), host.portBindings());
        assertEquals(List.of("data:/data", dir + ":/site:ro"), host.binds());
        assertEquals(Map.of("/run/cache", "size=64m"), host.tmpfs());
        assertEquals("backend", host.networkMode());
        assertEquals(List.of("web", "api"), request.networkingConfig().endpointsConfig().get("backend").aliases());
        assertEquals(new RestartPolicy("on-failure", 3), host.restartPolicy());
        assertEquals(256L << 20, host.resources().memory());
        assertEquals(500_000_000L, host.resources().nanoCpus());
        assertTrue(config.tty());
        assertTrue(config.openStdin());
        assertFalse(Boolean.TRUE.equals(config.stdinOnce()), "detached -i keeps stdin open across attaches");
        assertTrue(host.publishAllPorts());
        assertNull(host.autoRemove());
    }

    @Test
    void theDockerRunLineSaysTheSameWithQuoting(@TempDir Path dir) {
        fillEverything(dir);
        assertEquals("docker run -d --name web-1 -i -t --entrypoint /bin/sh -e FOO=bar"
                + " -e 'GREETING=it'\\''s a \"test\"' -p 127.0.0.1:8080:80 -p 53/udp -P -v data:/data"
                + " -v " + dir + ":/site:ro --tmpfs /run/cache:size=64m --network backend --network-alias web"
                + " --network-alias api --restart on-failure:3 --memory 256m --cpus 0.5 busybox:1.36"
                + " -c 'echo \"$GREETING\"; sleep 300'", model.dockerRunLineProperty().get());
        assertEquals(model.dockerRunArgs(), ShellWords.split(model.dockerRunLineProperty().get()),
                "a shell reads the line back into exactly the same arguments");
    }

    @Test
    void defaultsStayOffTheLineButTheRequestCarriesTheCliDefaults() {
        withImage();
        model.pullIfMissingProperty().set(false);
        model.restartProperty().set(Restart.UNLESS_STOPPED);
        model.autoRemoveProperty().set(false);
        assertEquals("docker run -d --pull never --restart unless-stopped busybox:1.36",
                model.dockerRunLineProperty().get());
        model.restartProperty().set(Restart.NO);
        model.autoRemoveProperty().set(true);
        model.ports().add(new PortMappingRow("::1", "", "8443", Protocol.TCP));
        model.ports().get(0).randomHostPortProperty().set(true);
        assertEquals("docker run -d --rm --pull never -p '[::1]::8443' busybox:1.36", model.dockerRunLineProperty().get());
        assertEquals(RestartPolicy.no(), model.toRequest().hostConfig().restartPolicy(),
                "the CLI always sends a policy, so the request does too");
        assertTrue(model.toRequest().hostConfig().autoRemove());
    }

    @Test
    void summaryDescribesTheAnswersInWords(@TempDir Path dir) {
        fillEverything(dir);
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        model.summary().forEach(l -> lines.put(l.label(), l.text()));
        assertEquals("web-1", lines.get("Name"));
        assertEquals("2 variables: FOO, GREETING", lines.get("Environment"));
        assertEquals("restarted when it fails, at most 3 times", lines.get("Restart"));
        assertEquals("256 MiB of memory, 0.5 CPUs", lines.get("Resources"));
        assertEquals("127.0.0.1:8080 → 80/tcp, random port → 53/udp, every exposed port on a random host port",
                lines.get("Ports"));
    }

    private void fillEverything(Path dir) {
        withImage();
        model.nameProperty().set("web-1");
        model.entrypointProperty().set("/bin/sh -c");
        model.commandProperty().set("'echo \"$GREETING\"; sleep 300'");
        model.env().addAll(new EnvVarRow("FOO", "bar"), new EnvVarRow(), new EnvVarRow("GREETING", "it's a \"test\""));
        model.ports().add(new PortMappingRow("127.0.0.1", "8080", "80", Protocol.TCP));
        PortMappingRow random = new PortMappingRow("", "", "53", Protocol.UDP);
        random.randomHostPortProperty().set(true);
        model.ports().add(random);
        model.publishAllProperty().set(true);
        model.volumes().add(new MountRow("data", "/data", false));
        model.binds().add(new MountRow(dir.toString(), "/site", true));
        model.tmpfs().add(new TmpfsMountRow("/run/cache", "size=64m"));
        model.networkProperty().set("backend");
        model.networkAliasesProperty().set("web, api");
        model.restartProperty().set(Restart.ON_FAILURE);
        model.restartCountProperty().set("3");
        model.memoryProperty().set("256MB");
        model.cpusProperty().set("0.50");
        model.interactiveProperty().set(true);
        model.ttyProperty().set(true);
        assertEquals(List.of(), model.problemsProperty().get());
    }
}
