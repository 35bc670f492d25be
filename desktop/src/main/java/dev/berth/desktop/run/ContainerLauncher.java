package dev.berth.desktop.run;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.CreateResponse;
import dev.berth.remote.images.ProgressMessage;
import dev.berth.remote.images.PullRequest;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Finish does, as {@code docker run -d} does it: pull the image if the engine lacks it (and pulling is
 * allowed), create the container, start it. Blocking; run it in the background.
 */
public final class ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);

    public enum Phase { CHECKING_IMAGE, PULLING, CREATING, STARTING }

    /** @param warnings what the engine warned about at create time ("memory limit ignored …"), often empty */
    public record Started(String id, String name, List<String> warnings) {
    }

    private final EngineClient client;

    public ContainerLauncher(EngineClient client) {
        this.client = client;
    }

    /**
     * @param name     the container's name, or null for one the engine picks
     * @param phases   told when each phase begins (on this thread)
     * @param progress the pull's messages, if there is a pull (on this thread)
     */
    public Started launch(String image, boolean pullIfMissing, String name, ContainerCreateRequest request,
                          Consumer<Phase> phases, Consumer<ProgressMessage> progress) {
        phases.accept(Phase.CHECKING_IMAGE);
        try {
            client.images().inspect(image);
        } catch (EngineApiException.NotFound missing) {
            if (!pullIfMissing) {
                throw missing;
            }
            phases.accept(Phase.PULLING);
            client.images().pull(PullRequest.of(image), progress);
        }
        phases.accept(Phase.CREATING);
        CreateResponse created = client.containers().create(name, request);
        phases.accept(Phase.STARTING);
        try {
            client.containers().start(created.id());
        } catch (RuntimeException startFailed) {
            // Leave nothing half-made behind: the user fixes the answers and runs again under the same name.
            try {
                client.containers().remove(created.id(), true, true);
            } catch (RuntimeException e) {
                LOG.debug("Could not remove container {} after its start failed", created.id(), e);
                startFailed.addSuppressed(e);
            }
            throw startFailed;
        }
        String actualName = name;
        if (actualName == null) {
            actualName = client.containers().inspect(created.id()).plainName();
        }
        return new Started(created.id(), actualName, created.warnings() == null ? List.of() : created.warnings());
    }
}
