package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.onBoth;
import static dev.berth.engine.compat.BothEngines.quietly;
import static dev.berth.engine.compat.BothEngines.same;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import org.junit.jupiter.api.Test;

/** events with since/until/filter, system df, info, version. */
class SystemCliTest {

    static final String IMAGE = Dockerd.BUSYBOX;

    @Test
    void eventsReplayAWindowWithFilters() {
        String name = unique("events");
        try {
            long since = System.currentTimeMillis() / 1000 - 1;
            onBoth("run", "--name", name, "--label", "berth.events=yes", IMAGE, "true");
            onBoth("rm", name);
            long until = System.currentTimeMillis() / 1000 + 1;
            ProcessResult events = same("events", "--since", Long.toString(since), "--until", Long.toString(until),
                    "--filter", "container=" + name, "--filter", "event=create", "--filter", "event=start",
                    "--filter", "event=die", "--filter", "event=destroy", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
            assertEquals("container create " + name + "\ncontainer start " + name + "\ncontainer die " + name
                    + "\ncontainer destroy " + name + "\n", events.stdout());
            ProcessResult byLabel = berth().docker("events", "--since", Long.toString(since), "--until",
                    Long.toString(until), "--filter", "label=berth.events=yes", "--filter", "event=die", "--format",
                    "{{.Action}} {{.Actor.Attributes.exitCode}}");
            assertEquals("die 0\n", byLabel.stdout());
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void systemDfInfoAndVersion() {
        String df = berth().docker("system", "df").requireSuccess("system df").stdout();
        assertTrue(df.startsWith("TYPE") && df.contains("Images") && df.contains("Containers")
                && df.contains("Local Volumes"), df);
        String verbose = berth().docker("system", "df", "-v").requireSuccess("system df -v").stdout();
        assertTrue(verbose.contains(IMAGE.replace(":latest", "")), verbose);
        String info = berth().docker("info", "--format", "{{.OSType}} {{.Driver}} {{.Images}}")
                .requireSuccess("info").stdout();
        assertTrue(info.startsWith("linux overlay2 "), info);
        assertTrue(Integer.parseInt(info.strip().split(" ")[2]) >= 1, info);
        assertEquals("linux\n", berth().docker("version", "--format", "{{.Server.Os}}").stdout());
        assertTrue(berth().docker("info").stdout().contains("Server Version:"));
    }
}
