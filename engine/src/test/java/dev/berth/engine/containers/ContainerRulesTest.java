package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's rules the container service follows, checked without running anything. */
class ContainerRulesTest {

    @Test
    void restartBackoffDoublesFromATenthOfASecondToAMinuteAndResetsAfterTenSeconds() {
        RestartManager always = new RestartManager(RestartPolicy.always());
        List<Long> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(always.shouldRestart(1, false, Duration.ofMillis(5)).toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L, 60000L, 60000L),
                delays);
        assertEquals(100L, always.shouldRestart(0, true, Duration.ofSeconds(10)).toMillis());
        always.cancel();
        assertNull(always.shouldRestart(1, false, Duration.ZERO));

        RestartManager onFailure = new RestartManager(RestartPolicy.onFailure(2));
        assertNull(onFailure.shouldRestart(0, false, Duration.ZERO));
        assertTrue(onFailure.shouldRestart(1, false, Duration.ZERO) != null);
        assertTrue(onFailure.shouldRestart(1, false, Duration.ZERO) != null);
        assertNull(onFailure.shouldRestart(1, false, Duration.ZERO));

        RestartManager unlessStopped = new RestartManager(RestartPolicy.unlessStopped());
        assertNull(unlessStopped.shouldRestart(1, true, Duration.ZERO));
        assertNull(new RestartManager(null).shouldRestart(1, false, Duration.ZERO));
        EngineException bad = assertThrows(EngineException.class,
                () -> RestartManager.validate(RestartPolicy.always(), true));
        assertEquals("can't create 'AutoRemove' container with restart policy", bad.getMessage());
    }

    @Test
    void detachKeysAreHeldBackUntilTheSequenceBreaks() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(null));
        assertArrayEquals(new byte[] {24, 'x'}, DetachKeys.parse("ctrl-x,x"));
        assertThrows(EngineException.class, () -> DetachKeys.parse("ctrl-1"));
        DetachKeys.Matcher matcher = new DetachKeys.Matcher(DetachKeys.parse(null));
        ByteArrayOutputStream pass = new ByteArrayOutputStream();
        assertFalse(matcher.feed(new byte[] {'a', 16, 'b', 16}, 0, 4, pass));
        assertEquals("a\u0010b", pass.toString(StandardCharsets.UTF_8));
        pass.reset();
        assertTrue(matcher.feed(new byte[] {17, 'z'}, 0, 2, pass));
        assertEquals(0, pass.size());
    }

    @Test
    void humanDurationsAndTimesAsGoPrintsThem() {
        assertEquals("Less than a second", Timestamps.human(Duration.ofMillis(400)));
        assertEquals("1 second", Timestamps.human(Duration.ofSeconds(1)));
        assertEquals("59 seconds", Timestamps.human(Duration.ofSeconds(59)));
        assertEquals("About a minute", Timestamps.human(Duration.ofSeconds(100)));
        assertEquals("5 minutes", Timestamps.human(Duration.ofMinutes(5)));
        assertEquals("About an hour", Timestamps.human(Duration.ofMinutes(80)));
        assertEquals("3 hours", Timestamps.human(Duration.ofHours(3)));
        assertEquals("3 days", Timestamps.human(Duration.ofDays(3)));
        assertEquals("2023-11-14T22:13:20.5Z", Timestamps.format(Instant.ofEpochSecond(1_700_000_000, 500_000_000)));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 120_000_000),
                Timestamps.parseApiTime("1700000000.12"));
    }

    @Test
    void imageConfigIsMergedLikeMoby() {
        ContainerConfig image = config(Map.of("Env", List.of("PATH=/bin", "A=image"), "Cmd", List.of("sh"),
                "WorkingDir", "/srv", "Labels", Map.of("from", "image", "both", "image"), "Volumes",
                Map.of("/data", Map.of()), "ExposedPorts", Map.of("80/tcp", Map.of())));
        ContainerConfig user = config(Map.of("Env", List.of("A=user"), "Labels", Map.of("both", "user"),
                "Image", "img"));
        ContainerConfig merged = ConfigMerger.merge(user, image, "img", "host1");
        assertEquals(List.of("A=user", "PATH=/bin"), merged.env());
        assertEquals(List.of("sh"), merged.cmd());
        assertEquals("/srv", merged.workingDir());
        assertEquals(Map.of("from", "image", "both", "user"), merged.labels());
        assertTrue(merged.volumes().containsKey("/data"));
        assertEquals("host1", merged.hostname());
        // an explicit entrypoint drops the image's Cmd, as in Docker
        ContainerConfig withEntrypoint = ConfigMerger.merge(config(Map.of("Entrypoint", List.of("echo"))), image,
                "img", "h");
        assertNull(withEntrypoint.cmd());
    }

    @Test
    void mountRequestsAreCheckedWithDockersMessages() {
        MountPlanner planner = new MountPlanner(null);
        ContainerConfig config = config(Map.of());
        assertEquals("Duplicate mount point: /data", assertThrows(EngineException.class, () -> planner.plan(config,
                host(Map.of("Binds", List.of("/a:/data", "v1:/data"))))).getMessage());
        assertTrue(assertThrows(EngineException.class, () -> planner.plan(config,
                host(Map.of("Binds", List.of("rel/path:/data"))))).getMessage().contains("includes invalid characters"));
        assertTrue(assertThrows(EngineException.class, () -> planner.plan(config,
                host(Map.of("Mounts", List.of(Map.of("Type", "bind", "Source", "/does/not/exist", "Target", "/x"))))))
                .getMessage().contains("bind source path does not exist: /does/not/exist"));
        var plan = planner.plan(config(Map.of("Volumes", Map.of("/data", Map.of(), "/logs", Map.of()))),
                host(Map.of("Binds", List.of("/srv:/data:ro,rslave"))));
        assertEquals(2, plan.mounts().size());
        var bind = plan.mounts().stream().filter(m -> m.destination().equals("/data")).findFirst().orElseThrow();
        assertEquals("bind", bind.type());
        assertEquals(Boolean.FALSE, bind.rw());
        assertEquals("rslave", bind.propagation());
        assertEquals(1, plan.volumes().size());
        assertTrue(plan.volumes().get(0).anonymous());
    }

    @Test
    void createChecksUseDockersMessages() {
        var facts = dev.berth.engine.runtime.HostFacts.detect();
        assertEquals("Minimum memory limit allowed is 6MB", assertThrows(EngineException.class,
                () -> CreateChecks.validate(config(Map.of("Cmd", List.of("x"))), host(Map.of("Memory", 1024)), facts))
                .getMessage());
        assertEquals("No command specified", assertThrows(EngineException.class,
                () -> CreateChecks.validate(config(Map.of()), host(Map.of()), facts)).getMessage());
        assertEquals("unknown capability: \"CAP_NOPE\"", assertThrows(EngineException.class,
                () -> CreateChecks.validate(config(Map.of("Cmd", List.of("x"))), host(Map.of("CapAdd",
                        List.of("nope"))), facts)).getMessage());
        // a user-defined network name passes here; the network service resolves it (404 when unknown)
        assertEquals("mynet", CreateChecks.networkMode("mynet"));
        assertFalse(CreateChecks.isBuiltin("mynet"));
        assertEquals("x", CreateChecks.sharedWith(CreateChecks.networkMode("container:x")));
        assertEquals("Invalid network mode: invalid container format container:<name|id>",
                assertThrows(EngineException.class, () -> CreateChecks.validateNetworkMode(config(Map.of()),
                        host(Map.of("NetworkMode", "container:")))).getMessage());
        assertEquals("conflicting options: mac-address and the network mode",
                assertThrows(EngineException.class, () -> CreateChecks.validateNetworkMode(config(Map.of(
                        "MacAddress", "02:42:ac:11:00:02")), host(Map.of("NetworkMode", "host")))).getMessage());
        assertEquals("default", CreateChecks.networkMode(""));
        assertEquals("Invalid container name (-x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
                assertThrows(EngineException.class, () -> ContainerNames.normalize("-x")).getMessage());
        assertEquals("10.0.0.1\tdb", NetworkFiles.extraHost("db:10.0.0.1"));
        assertEquals("::1\tv6", NetworkFiles.extraHost("v6:[::1]"));
    }

    @Test
    void topKeepsOnlyTheContainersProcesses() {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 10:00 ?        00:00:01 /sbin/init
                root        4242    4200  0 10:01 ?        00:00:00 sleep 1000
                root        4243    4242  0 10:01 ?        00:00:00 sh -c echo hi
                """;
        var top = TopParser.parse(ps, List.of(4242, 4243));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), top.titles());
        assertEquals(List.of("sleep 1000", "sh -c echo hi"), top.column("CMD"));
        assertThrows(EngineException.class, () -> TopParser.parse("USER COMMAND\nroot x\n", List.of(1)));
    }

    private static ContainerConfig config(Map<String, Object> fields) {
        return Json.MAPPER.convertValue(fields, ContainerConfig.class);
    }

    private static HostConfig host(Map<String, Object> fields) {
        return Json.MAPPER.convertValue(fields, HostConfig.class);
    }
}
