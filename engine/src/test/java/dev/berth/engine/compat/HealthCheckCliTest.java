package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.dockerd;
import static dev.berth.engine.compat.BothEngines.onBoth;
import static dev.berth.engine.compat.BothEngines.quietly;
import static dev.berth.engine.compat.BothEngines.same;
import static dev.berth.engine.compat.BothEngines.sameFailure;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HEALTHCHECK on both engines: what {@code docker ps}, inspect, the health filter and events show for a passing, a
 * failing, a timing-out and a disabled check, the start period, a stopped container, and the refusals.
 */
@ExtendWith(EngineLogOnFailure.class)
class HealthCheckCliTest {

    private static final String IMAGE = Dockerd.BUSYBOX;
    /** The probes' times and "Up N seconds" differ between runs; the rest must not. */
    private static final Function<String, String> TIMES = s -> s
            .replaceAll("\"(Start|End)\":\"[^\"]+\"", "\"$1\":\"T\"").replaceAll("Up [^(\n]+", "Up X ");

    @Test
    void passingFailingTimedOutAndDisabledChecksLookAsInDocker() throws Exception {
        String ok = unique("hc-ok");
        String bad = unique("hc-bad");
        String slow = unique("hc-slow");
        String off = unique("hc-off");
        String patient = unique("hc-patient");
        try {
            onBoth("run", "-d", "--name", ok, "--health-cmd", "echo fine", "--health-interval", "200ms", IMAGE,
                    "sleep", "300");
            onBoth("run", "-d", "--name", bad, "--health-cmd", "echo broken >&2; exit 3", "--health-interval",
                    "200ms", "--health-retries", "2", IMAGE, "sleep", "300");
            // retries enough that it stays "starting" on both engines however far their probes have got
            onBoth("run", "-d", "--name", slow, "--health-cmd", "sleep 5", "--health-interval", "200ms",
                    "--health-timeout", "300ms", "--health-retries", "1000", IMAGE, "sleep", "300");
            onBoth("run", "-d", "--name", off, "--no-healthcheck", IMAGE, "sleep", "300");
            onBoth("run", "-d", "--name", patient, "--health-cmd", "exit 1", "--health-interval", "200ms",
                    "--health-retries", "1", "--health-start-period", "5m", IMAGE, "sleep", "300");

            for (TestEngine engine : List.of(berth(), dockerd())) {
                awaitHealth(engine, ok, "healthy");
                awaitHealth(engine, bad, "unhealthy");
                awaitLog(engine, slow, 1);
                awaitLog(engine, patient, 2);
            }
            same(TIMES, "ps", "--filter", "name=hc-", "--format", "{{.Names}} {{.Status}}");
            same(s -> sortedLines(s.replaceAll("-[0-9a-f]{8}", "")), "ps", "--filter", "health=unhealthy",
                    "--format", "{{.Names}}");
            same(s -> sortedLines(s.replaceAll("-[0-9a-f]{8}", "")), "ps", "--filter", "health=none",
                    "--filter", "name=hc-", "--format", "{{.Names}}");
            same("inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}} "
                    + "{{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}", ok);
            same("inspect", "-f", "{{.State.Health.Status}} {{(index .State.Health.Log 0).ExitCode}} "
                    + "{{(index .State.Health.Log 0).Output}}", bad);
            same("inspect", "-f", "{{.State.Health.Status}} {{(index .State.Health.Log 0).ExitCode}} "
                    + "{{(index .State.Health.Log 0).Output}}", slow);
            same("inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", patient);
            same("inspect", "-f", "{{json .State.Health}} {{json .Config.Healthcheck}}", off);
            String log = berth().docker("inspect", "-f", "{{len .State.Health.Log}}", ok).stdout().strip();
            assertTrue(Integer.parseInt(log) <= 5, "at most five results kept: " + log);

            Thread.sleep(1100); // the CLI sends --until in whole seconds: this second's events come after it
            String events = berth().docker("events", "--since", "5m", "--until", "0s", "--filter", "container=" + ok,
                    "--filter", "event=health_status", "--format", "{{.Action}}").requireSuccess("events").stdout();
            assertEquals("health_status: healthy\n", events);

            onBoth("stop", "-t", "0", ok);
            same("inspect", "-f", "{{.State.Health.Status}}", ok);
        } finally {
            quietly("rm", "-f", ok, bad, slow, off, patient);
        }
        sameFailure("Interval in Healthcheck cannot be less than 1ms", "run", "--rm", "--health-cmd", "true",
                "--health-interval", "500us", IMAGE, "true");
        sameFailure("Unrecognised filter value for health: sick", "ps", "--filter", "health=sick");
    }

    private static String sortedLines(String s) {
        return String.join("\n", Arrays.stream(s.split("\n")).sorted().toList());
    }

    private static void awaitHealth(TestEngine engine, String name, String status) throws InterruptedException {
        String now = "";
        for (int i = 0; i < 200; i++) {
            now = engine.docker("inspect", "-f", "{{.State.Health.Status}}", name).stdout().strip();
            if (now.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " on " + engine + " stayed " + now + ", not " + status);
    }

    private static void awaitLog(TestEngine engine, String name, int entries) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String n = engine.docker("inspect", "-f", "{{len .State.Health.Log}}", name).stdout().strip();
            if (!n.isEmpty() && Integer.parseInt(n) >= entries) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " on " + engine + " has fewer than " + entries + " health results");
    }
}
