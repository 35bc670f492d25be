package dev.berth.desktop.containers;

import dev.berth.remote.system.EventMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a batch of engine events means for the containers table: which containers to list again and which are gone.
 * Events that change nothing the table shows (exec, attach, resize, archive copies, …) are ignored, so a busy
 * {@code docker exec} loop causes no listing at all.
 */
record ContainerEventBatch(Set<String> changed, Set<String> destroyed) {

    private static final Set<String> IGNORED = Set.of("attach", "detach", "resize", "top", "archive-path",
            "extract-to-dir", "export", "commit", "copy", "kill");

    static ContainerEventBatch of(List<EventMessage> events) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> destroyed = new LinkedHashSet<>();
        for (EventMessage e : events) {
            String id = e.actorId();
            String action = e.action() != null ? e.action() : e.status();
            if (!"container".equals(e.type()) || id == null || action == null) {
                continue;
            }
            if (action.equals("destroy")) {
                destroyed.add(id);
            } else if (!action.startsWith("exec_") && !IGNORED.contains(action)) {
                changed.add(id);
            }
        }
        changed.removeAll(destroyed);
        return new ContainerEventBatch(changed, destroyed);
    }

    boolean isEmpty() {
        return changed.isEmpty() && destroyed.isEmpty();
    }
}
