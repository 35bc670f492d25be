package dev.berth.desktop.containers;

import dev.berth.remote.containers.ContainerSummary;
import java.util.List;
import java.util.Map;

/** Container listings as the engine returns them, for tests and the benchmark. */
public final class ContainerSummaries {

    private ContainerSummaries() {
    }

    public static ContainerSummary of(String id, String name, String image, String state, String status, long created,
                                      String project, List<ContainerSummary.Port> ports) {
        Map<String, String> labels = project == null ? Map.of()
                : Map.of(ContainerRow.PROJECT_LABEL, project, "com.docker.compose.service", name);
        return new ContainerSummary(id, List.of("/" + name), image, "sha256:" + id, "sleep 300", created, ports,
                null, null, labels, state, status, null, null, List.of(), null);
    }

    public static ContainerSummary of(String id, String name, String image, String state, long created,
                                      String project) {
        return of(id, name, image, state, statusFor(state), created, project, List.of());
    }

    /** {@code summary} as the engine lists it after a state change. */
    public static ContainerSummary withState(ContainerSummary s, String state) {
        return new ContainerSummary(s.id(), s.names(), s.image(), s.imageId(), s.command(), s.created(), s.ports(),
                s.sizeRw(), s.sizeRootFs(), s.labels(), state, statusFor(state), s.hostConfig(), s.networkSettings(),
                s.mounts(), s.health());
    }

    static String statusFor(String state) {
        switch (state) {
            case "running":
                return "Up 5 minutes";
            case "paused":
                return "Up 5 minutes (Paused)";
            case "exited":
                return "Exited (0) 2 hours ago";
            default:
                return "Created";
        }
    }
}
