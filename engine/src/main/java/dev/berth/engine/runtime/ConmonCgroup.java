package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves each conmon out of the engine's own cgroup before it forks, so a service manager that stops the engine by
 * killing its control group (systemd's KillMode=control-group) does not take every container's monitor with it.
 * Only the hierarchies a service manager tracks are touched: the systemd named one and the cgroup2 one.
 */
public final class ConmonCgroup {

    private static final Logger LOG = LoggerFactory.getLogger(ConmonCgroup.class);

    private final List<Path> targets = new ArrayList<>();

    /** @param relativePath e.g. "berth/conmon", created under each tracked hierarchy */
    public ConmonCgroup(HostFacts facts, String relativePath) {
        Path systemd = facts.controller("name=systemd");
        if (systemd != null) {
            targets.add(systemd.resolve(relativePath));
        }
        if (facts.unifiedMount() != null) {
            targets.add(facts.unifiedMount().resolve(relativePath));
        }
    }

    /** For tests and hosts where moving is unwanted. */
    public static ConmonCgroup none() {
        return new ConmonCgroup();
    }

    private ConmonCgroup() {
    }

    /** Best effort: a host where this fails still runs containers, they just share the engine's cgroup. */
    void adopt(long pid) {
        for (Path cgroup : targets) {
            try {
                Files.createDirectories(cgroup);
                Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot move conmon {} into {}: {}", pid, cgroup, e.toString());
            }
        }
    }
}
