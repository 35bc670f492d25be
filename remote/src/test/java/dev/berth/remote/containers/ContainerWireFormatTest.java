package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.client.Json;
import dev.berth.remote.exec.ExecCreateRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records serialise with Docker's exact field names (the engine module will serve them to the docker CLI). */
class ContainerWireFormatTest {

    private static JsonNode json(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    @Test
    void createRequestLooksLikeWhatDockerRunSends() throws Exception {
        ContainerCreateRequest request = ContainerCreateRequest.builder("nginx:1.27")
                .cmd("nginx", "-g", "daemon off;").env("A", "1").label("app", "web").user("101:101")
                .hostname("web").workingDir("/srv").stopSignal("SIGQUIT").stopTimeout(20).tty(true).interactive()
                .publish(80, "127.0.0.1", 8080).expose("443")
                .bind("/srv/www:/usr/share/nginx/html:ro").mount(Mount.volume("cache", "/var/cache/nginx"))
                .mount(Mount.tmpfs("/run", 1L << 20).asReadOnly())
                .tmpfs("/tmp", "size=64m").restartPolicy(RestartPolicy.onFailure(3))
                .memory(256L << 20).memorySwap(-1).cpus(1.5).pidsLimit(100).init(true).capAdd("NET_ADMIN")
                .capDrop("ALL").dns("1.1.1.1").extraHost("db", "10.0.0.5").readonlyRootfs(true).shmSize(1 << 26)
                .sysctl("net.core.somaxconn", "1024").ulimit("nofile", 1024, 2048).securityOpt("no-new-privileges")
                .logConfig("json-file", Map.of("max-size", "10m")).consoleSize(24, 80)
                .network("frontend", "web", "www")
                .healthcheck(HealthConfig.shell("curl -f localhost", java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(5), 3))
                .build();
        JsonNode j = json(request);
        assertEquals("nginx:1.27", j.get("Image").asText());
        assertEquals("[\"nginx\",\"-g\",\"daemon off;\"]", j.get("Cmd").toString());
        assertEquals("[\"A=1\"]", j.get("Env").toString());
        assertEquals("{\"80/tcp\":{},\"443/tcp\":{}}", j.get("ExposedPorts").toString());
        assertEquals("SIGQUIT", j.get("StopSignal").asText());
        assertEquals(20, j.get("StopTimeout").asInt());
        assertTrue(j.get("OpenStdin").asBoolean() && j.get("StdinOnce").asBoolean() && j.get("AttachStdin").asBoolean());
        assertEquals("[\"CMD-SHELL\",\"curl -f localhost\"]", j.get("Healthcheck").get("Test").toString());
        assertEquals(30_000_000_000L, j.get("Healthcheck").get("Interval").asLong());
        assertFalse(j.has("Config"), "the Config fields sit at the top level");
        JsonNode host = j.get("HostConfig");
        assertFalse(host.has("Resources"), "resources sit directly in HostConfig");
        assertEquals(256L << 20, host.get("Memory").asLong());
        assertEquals(-1, host.get("MemorySwap").asLong());
        assertEquals(1_500_000_000L, host.get("NanoCpus").asLong());
        assertEquals(100, host.get("PidsLimit").asLong());
        assertTrue(host.get("Init").asBoolean());
        assertEquals("[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048}]", host.get("Ulimits").toString());
        assertEquals("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]}", host.get("PortBindings").toString());
        assertEquals("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}", host.get("RestartPolicy").toString());
        assertEquals("[\"/srv/www:/usr/share/nginx/html:ro\"]", host.get("Binds").toString());
        assertEquals("[{\"Target\":\"/var/cache/nginx\",\"Source\":\"cache\",\"Type\":\"volume\"},"
                + "{\"Target\":\"/run\",\"Type\":\"tmpfs\",\"ReadOnly\":true,\"TmpfsOptions\":{\"SizeBytes\":1048576}}]",
                host.get("Mounts").toString());
        assertEquals("{\"/tmp\":\"size=64m\"}", host.get("Tmpfs").toString());
        assertEquals("[24,80]", host.get("ConsoleSize").toString());
        assertEquals("frontend", host.get("NetworkMode").asText());
        assertEquals("{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"10m\"}}", host.get("LogConfig").toString());
        assertEquals("[\"db:10.0.0.5\"]", host.get("ExtraHosts").toString());
        assertEquals("{\"net.core.somaxconn\":\"1024\"}", host.get("Sysctls").toString());
        assertTrue(host.get("ReadonlyRootfs").asBoolean());
        assertEquals("[\"web\",\"www\"]", j.get("NetworkingConfig").get("EndpointsConfig").get("frontend").get("Aliases").toString());
        assertFalse(j.toString().contains("null"), "unset options stay off the wire: " + j);

        ContainerCreateRequest back = Json.MAPPER.readValue(j.toString(), ContainerCreateRequest.class);
        assertEquals(request, back, "the engine module can read what the CLI sends");
    }

    @Test
    void readsADockerCliCreateBody() throws Exception {
        // abridged from what docker 28's CLI sends for: docker create --name x -e A=1 -p 8080:80 -m 64m busybox
        String cli = "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":true,"
                + "\"AttachStderr\":true,\"ExposedPorts\":{\"80/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,"
                + "\"StdinOnce\":false,\"Env\":[\"A=1\"],\"Cmd\":null,\"Image\":\"busybox\",\"Volumes\":null,"
                + "\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},"
                + "\"HostConfig\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"Config\":{}},"
                + "\"NetworkMode\":\"default\",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},"
                + "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoRemove\":false,"
                + "\"ConsoleSize\":[50,200],\"CgroupnsMode\":\"\",\"UTSMode\":\"\",\"Memory\":67108864,"
                + "\"NanoCpus\":0,\"PidsLimit\":null,\"OomKillDisable\":null,\"IOMaximumIOps\":0},"
                + "\"NetworkingConfig\":{\"EndpointsConfig\":{}}}";
        ContainerCreateRequest r = Json.MAPPER.readValue(cli, ContainerCreateRequest.class);
        assertEquals("busybox", r.config().image());
        assertEquals(List.of("A=1"), r.config().env());
        assertNull(r.config().cmd());
        assertEquals(67108864L, r.hostConfig().resources().memory());
        assertEquals(0L, r.hostConfig().resources().ioMaximumIops());
        assertEquals("8080", r.hostConfig().portBindings().get("80/tcp").get(0).hostPort());
        assertEquals(List.of(50, 200), r.hostConfig().consoleSize());
        assertEquals("", r.hostConfig().utsMode());
        assertEquals("default", r.hostConfig().networkMode());
        assertTrue(r.networkingConfig().endpointsConfig().isEmpty());
    }

    @Test
    void inspectFieldsUseDockerSpelling() {
        ContainerState state = new ContainerState("exited", false, false, false, true, false, 0, 137, "", "s", "f", null);
        assertEquals("{\"Status\":\"exited\",\"Running\":false,\"Paused\":false,\"Restarting\":false,\"OOMKilled\":true,"
                + "\"Dead\":false,\"Pid\":0,\"ExitCode\":137,\"Error\":\"\",\"StartedAt\":\"s\",\"FinishedAt\":\"f\"}",
                json(state).toString());
        EndpointSettings ep = new EndpointSettings(new EndpointSettings.IpamConfig("10.0.0.2", null, null), null,
                "02:42:ac:11:00:02", List.of("a"), null, null, "net", "ep", "10.0.0.1", "10.0.0.2", 24, "", "", 0, null);
        JsonNode e = json(ep);
        for (String field : List.of("IPAMConfig", "MacAddress", "Aliases", "NetworkID", "EndpointID", "Gateway",
                "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen")) {
            assertTrue(e.has(field), field + " in " + e);
        }
        assertEquals("10.0.0.2", e.get("IPAMConfig").get("IPv4Address").asText());
        JsonNode summary = json(new ContainerSummary("id", List.of("/n"), "img", "sha256:x", "sh", 1L,
                List.of(new ContainerSummary.Port("0.0.0.0", 80, 8080, "tcp")), null, null, Map.of(), "running",
                "Up", new ContainerSummary.HostConfigSummary("default", null), null, List.of(), null));
        assertEquals("sha256:x", summary.get("ImageID").asText());
        assertEquals("{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}",
                summary.get("Ports").get(0).toString());
        assertFalse(summary.has("Name") || summary.has("name"), "helper methods are not wire fields");
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/a\",\"Destination\":\"/b\",\"Mode\":\"ro\",\"RW\":false}",
                json(new MountPoint("bind", null, "/a", "/b", null, "ro", false, null)).toString());
        assertEquals("[{\"Path\":\"/tmp\",\"Kind\":0},{\"Path\":\"/x\",\"Kind\":1},{\"Path\":\"/y\",\"Kind\":2}]",
                json(List.of(new FilesystemChange("/tmp", FilesystemChange.Kind.MODIFIED),
                        new FilesystemChange("/x", FilesystemChange.Kind.ADDED),
                        new FilesystemChange("/y", FilesystemChange.Kind.DELETED))).toString());
        assertEquals("{\"StatusCode\":137,\"Error\":{\"Message\":\"boom\"}}",
                json(new WaitResponse(137L, new WaitResponse.WaitError("boom"))).toString());
        assertFalse(json(new ContainerConfig(null, null, null, null, null, null, null, true, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null)).has("hasTty"));
    }

    @Test
    void statsUseDockerSnakeCaseAndTheCliFormulas() throws Exception {
        String v1 = "{\"read\":\"2024-05-01T10:00:01Z\",\"preread\":\"2024-05-01T10:00:00Z\","
                + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":300,\"percpu_usage\":[150,150],\"usage_in_kernelmode\":10,"
                + "\"usage_in_usermode\":290},\"system_cpu_usage\":2000,\"online_cpus\":2,"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000},"
                + "\"memory_stats\":{\"usage\":1000,\"max_usage\":1200,\"limit\":4000,"
                + "\"stats\":{\"cache\":200,\"inactive_file\":50,\"total_inactive_file\":50}},"
                + "\"networks\":{\"eth0\":{\"rx_bytes\":5,\"tx_bytes\":6}},\"pids_stats\":{\"current\":3}}";
        ContainerStats s = Json.MAPPER.readValue(v1, ContainerStats.class);
        assertEquals(40.0, s.cpuPercent(), 1e-9, "200/1000 of the machine, times 2 CPUs");
        assertEquals(800, s.memoryUsedBytes(), "cgroup v1: usage minus cache");
        assertEquals(20.0, s.memoryPercent(), 1e-9);
        assertEquals(5L, s.networks().get("eth0").rxBytes());
        JsonNode back = json(s);
        assertEquals(300, back.get("cpu_stats").get("cpu_usage").get("total_usage").asLong());
        assertEquals(2, back.get("cpu_stats").get("online_cpus").asInt());
        assertEquals(1200, back.get("memory_stats").get("max_usage").asLong());
        assertEquals(6, back.get("networks").get("eth0").get("tx_bytes").asLong());

        String v2 = "{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":300},\"system_cpu_usage\":2000},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000},"
                + "\"memory_stats\":{\"usage\":1000,\"limit\":4000,\"stats\":{\"anon\":700,\"file\":300,\"inactive_file\":100}}}";
        ContainerStats s2 = Json.MAPPER.readValue(v2, ContainerStats.class);
        assertEquals(900, s2.memoryUsedBytes(), "cgroup v2: usage minus inactive_file");
        assertEquals(0.0, s2.cpuPercent(), "no CPU count known: not computable");
        ContainerStats empty = Json.MAPPER.readValue("{}", ContainerStats.class);
        assertEquals(0.0, empty.cpuPercent());
        assertEquals(0, empty.memoryUsedBytes());
    }

    @Test
    void execRequestAndPathStat() throws Exception {
        JsonNode exec = json(ExecCreateRequest.builder("sh").interactiveTty().consoleSize(40, 120).env("A", "b")
                .user("nobody").workingDir("/tmp").detachKeys("ctrl-x,x").build());
        assertEquals("{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,\"DetachKeys\":\"ctrl-x,x\","
                + "\"Tty\":true,\"ConsoleSize\":[40,120],\"Env\":[\"A=b\"],\"User\":\"nobody\",\"WorkingDir\":\"/tmp\","
                + "\"Cmd\":[\"sh\"]}", exec.toString());
        String header = java.util.Base64.getEncoder().encodeToString(("{\"name\":\"etc\",\"size\":4096,"
                + "\"mode\":2147484141,\"mtime\":\"2024-05-01T10:00:00Z\",\"linkTarget\":\"\"}").getBytes());
        PathStat stat = PathStat.decode(header);
        assertTrue(stat.directory());
        assertFalse(stat.symlink());
        assertEquals(0755, stat.permissions());
        assertEquals("{\"name\":\"etc\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2024-05-01T10:00:00Z\","
                + "\"linkTarget\":\"\"}", json(stat).toString());
    }

    @Test
    void logsOptionsFormatTimesAsDockerParsesThem() {
        assertEquals("1700000000", LogsOptions.unixSeconds(Instant.ofEpochSecond(1_700_000_000L)));
        assertEquals("1700000000.000000500", LogsOptions.unixSeconds(Instant.ofEpochSecond(1_700_000_000L, 500)));
    }
}
