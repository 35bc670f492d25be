package dev.berth.desktop.resources;

import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.Set;

/**
 * Which events change what a list shows. Containers emit many events that change nothing listed (exec sessions,
 * health probes, attaches, copies): those never trigger a reload.
 */
public final class EngineChanges {

    private static final Set<String> CONTAINER_NOISE = Set.of("top", "resize", "attach", "detach", "archive-path",
            "extract-to-dir", "copy", "export", "commit");

    private EngineChanges() {
    }

    /** Whether any event of the batch is about one of {@code types} (containers: only listed changes). */
    public static boolean any(List<EventMessage> batch, String... types) {
        for (EventMessage e : batch) {
            for (String type : types) {
                if (type.equals(e.type()) && !(type.equals("container") && isNoise(e.action()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any event is about {@code type} with one of {@code actions}. */
    public static boolean anyAction(List<EventMessage> batch, String type, Set<String> actions) {
        for (EventMessage e : batch) {
            if (type.equals(e.type()) && e.action() != null && actions.contains(e.action())) {
                return true;
            }
        }
        return false;
    }

    static boolean isNoise(String action) {
        return action == null || action.startsWith("exec_") || action.startsWith("health_status")
                || CONTAINER_NOISE.contains(action);
    }
}
