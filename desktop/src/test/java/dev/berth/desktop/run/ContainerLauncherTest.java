package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.images.ProgressMessage;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finish's engine work on the real test dockerd: pull if missing, create, start, and clean up a failed start. */
class ContainerLauncherTest {

    private final TestEngine dockerd = TestEngines.current();
    private final EngineClient client = EngineClient.connect(dockerd.unixEndpoint());
    private final ContainerLauncher launcher = new ContainerLauncher(client);
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        containers.forEach(c -> dockerd.docker("rm", "-f", c));
        images.forEach(i -> dockerd.docker("rmi", "-f", i));
        client.close();
    }

    private static String unique(String what) {
        return "berth-ui-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pullsAMissingImageWithProgressThenCreatesAndStarts() {
        String image = dockerd.registry() + "/" + unique("img") + ":1";
        dockerd.docker("tag", Dockerd.BUSYBOX, image).requireSuccess("tag");
        dockerd.docker("push", image).requireSuccess("push");
        dockerd.docker("rmi", image).requireSuccess("rmi");
        images.add(image);
        String name = unique("pulled");
        containers.add(name);
        List<ContainerLauncher.Phase> phases = new CopyOnWriteArrayList<>();
        List<ProgressMessage> progress = new CopyOnWriteArrayList<>();

        ContainerLauncher.Started started = launcher.launch(image, true, name,
                ContainerCreateRequest.builder(image).cmd("sleep", "300").build(), phases::add, progress::add);

        assertEquals(List.of(ContainerLauncher.Phase.CHECKING_IMAGE, ContainerLauncher.Phase.PULLING,
                ContainerLauncher.Phase.CREATING, ContainerLauncher.Phase.STARTING), phases);
        assertTrue(progress.stream().anyMatch(m -> m.status() != null && m.status().startsWith("Status: ")), progress.toString());
        assertEquals(name, started.name());
        assertTrue(client.containers().inspect(name).state().running());
    }

    @Test
    void aMissingImageIsNotPulledWhenPullingIsOff() {
        String image = dockerd.registry() + "/" + unique("absent") + ":1";
        String name = unique("nopull");
        containers.add(name);
        assertThrows(EngineApiException.NotFound.class, () -> launcher.launch(image, false, name,
                ContainerCreateRequest.builder(image).build(), p -> { }, m -> { }));
        assertThrows(EngineApiException.NotFound.class, () -> client.containers().inspect(name));
    }

    @Test
    void aContainerThatCannotStartIsRemovedAndTheEnginesMessageKept() {
        String name = unique("nostart");
        containers.add(name);
        EngineApiException failure = assertThrows(EngineApiException.class, () -> launcher.launch(Dockerd.BUSYBOX,
                true, name, ContainerCreateRequest.builder(Dockerd.BUSYBOX).cmd("/no/such/program").build(),
                p -> { }, m -> { }));
        assertTrue(failure.getMessage().contains("/no/such/program"), failure.getMessage());
        assertThrows(EngineApiException.NotFound.class, () -> client.containers().inspect(name),
                "nothing half-made is left behind, so the same name can be used again");
    }
}
