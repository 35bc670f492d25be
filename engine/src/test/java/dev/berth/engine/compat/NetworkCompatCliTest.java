package dev.berth.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.engine.testing.BerthEngine;
import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestEngine;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bridge networking compared with a dockerd that has a bridge of its own (only when the suite runs it with
 * {@code -Dberth.test.dockerd.bridge=true}): {@code docker port} and {@code docker ps} output for a port published
 * on loopback, and dockerd's refusals for a network in use and for a host port another container holds.
 */
@ExtendWith(EngineLogOnFailure.class)
class NetworkCompatCliTest {

    private static final String IMAGE = BerthEngine.BUSYBOX;
    /**
     * Host ports differ between the engines; the shape around them must not. dockerd also publishes an unspecified
     * host address on IPv6 ([::]) through docker-proxy; Berth's networks are IPv4 only, so those entries are left
     * out of dockerd's answer rather than claimed by Berth.
     */
    private static final Function<String, String> PORTS = s -> s.replaceAll("\"HostPort\":\"\\d+\"",
            "\"HostPort\":\"PORT\"").replaceAll(":\\d{2,5}", ":PORT")
            .replace(", [::]:PORT->9/udp", "").replaceAll("(?m)^.*\\[::\\].*\n", "")
            .replace(",{\"HostIp\":\"::\",\"HostPort\":\"PORT\"}", "");

    /** Addresses, IDs, MACs, names and times differ between the engines; the keys and structure must not. */
    private static final Function<String, String> SHAPE = s -> s.replaceAll("[0-9a-f]{64}", "ID")
            .replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?", "IP").replaceAll("([0-9a-f]{2}:){5}[0-9a-f]{2}", "MAC")
            .replaceAll("\"Created\": ?\"[^\"]+\"", "CREATED").replaceAll("(web|net|other)-[0-9a-f]{8}", "NAME")
            .replaceAll("\"HostPort\":\"\\d+\"", "PORT").replaceAll("\"/[^\"]*/netns/[0-9a-f]{12}\"",
            "SANDBOX").replaceAll("\"[0-9a-f]{12}\"", "SHORTID")
            // dockerd echoes the empty endpoint settings `docker network connect` sends
            .replace("\"IPAMConfig\":{}", "\"IPAMConfig\":null").replace("\"DriverOpts\":{}", "\"DriverOpts\":null")
            .replace(",{\"HostIp\":\"::\",PORT}", ""); // IPv4 only, see PORTS

    @Test
    void publishedPortsAndRefusalsLookLikeDockerds() {
        Assumptions.assumeTrue(Boolean.getBoolean(Dockerd.BRIDGE_PROPERTY), "the test dockerd has no bridge");
        String web = BothEngines.unique("web");
        String other = BothEngines.unique("other");
        String net = BothEngines.unique("net");
        try {
            BothEngines.onBoth("run", "-d", "--name", web, "-p", "127.0.0.1:0:80", "-p", "9/udp", IMAGE, "sleep",
                    "300");
            BothEngines.same(PORTS, "port", web);
            BothEngines.same(PORTS, "port", web, "80");
            BothEngines.same(PORTS, "ps", "--filter", "name=" + web, "--format", "{{.Ports}}");
            BothEngines.same(PORTS, "inspect", "-f", "{{json .NetworkSettings.Ports}}", web);
            BothEngines.same(PORTS, "inspect", "-f", "{{json .HostConfig.PortBindings}}", web);

            String hostPort = BothEngines.berth().docker("port", web, "80").stdout().strip().split(":")[1];
            ProcessResult berthTaken = BothEngines.berth().docker("run", "-d", "--name", other, "-p",
                    "127.0.0.1:" + hostPort + ":80", IMAGE, "sleep", "30");
            assertNotEquals(0, berthTaken.exitCode());
            String dockerdPort = BothEngines.dockerd().docker("port", web, "80").stdout().strip().split(":")[1];
            ProcessResult dockerdTaken = BothEngines.dockerd().docker("run", "-d", "--name", other, "-p",
                    "127.0.0.1:" + dockerdPort + ":80", IMAGE, "sleep", "30");
            assertEquals(firstLine(dockerdTaken.stderr().replace(dockerdPort, "PORT")),
                    firstLine(berthTaken.stderr().replace(hostPort, "PORT")));

            BothEngines.onBoth("network", "create", net);
            BothEngines.onBoth("network", "connect", net, web);
            ProcessResult berthRm = BothEngines.berth().docker("network", "rm", net);
            ProcessResult dockerdRm = BothEngines.dockerd().docker("network", "rm", net);
            assertEquals(dockerdRm.exitCode(), berthRm.exitCode());
            String berthId = BothEngines.berth().docker("network", "inspect", "-f", "{{.Id}}", net).stdout().strip();
            String dockerdId = BothEngines.dockerd().docker("network", "inspect", "-f", "{{.Id}}", net).stdout()
                    .strip();
            assertEquals(dockerdRm.stderr().replace(dockerdId, "ID"), berthRm.stderr().replace(berthId, "ID"));
            BothEngines.same("inspect", "-f", "{{len .NetworkSettings.Networks}}", web);
            BothEngines.same(SHAPE, "inspect", "-f", "{{json .NetworkSettings}}", web);
            BothEngines.same(SHAPE, "network", "inspect", net);
            // the test dockerd runs with --ip-masq=false; Berth's default bridge masquerades, as dockerd's default does
            BothEngines.same(SHAPE.andThen(s -> s.replaceAll("\"(berthbr|bt)[0-9a-f]+\"", "BRIDGE")
                    .replace("enable_ip_masquerade\":\"false", "enable_ip_masquerade\":\"true")),
                    "network", "inspect", "-f", "{{json .}}", "bridge");
        } finally {
            BothEngines.quietly("rm", "-f", web, other);
            BothEngines.quietly("network", "rm", net);
        }
    }

    /** The error line, with the endpoint ID (random on each engine) left out. */
    private static String firstLine(String stderr) {
        return stderr.lines().findFirst().orElse("").replaceAll("\\([0-9a-f]{64}\\)", "(ID)");
    }

    /**
     * {@code --network container:<x>}: the second container lives in the first one's namespace (its address, its
     * loopback services, its hostname and hosts file), shows no networks of its own, and is refused what dockerd
     * refuses.
     */
    @Test
    void sharingAnotherContainersNetworkWorksAsInDocker() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean(Dockerd.BRIDGE_PROPERTY), "the test dockerd has no bridge");
        String web = BothEngines.unique("web");
        String sidecar = BothEngines.unique("side");
        String stopped = BothEngines.unique("stopped");
        String orphan = BothEngines.unique("orphan");
        try {
            BothEngines.onBoth("run", "-d", "--name", web, "-h", "webhost", IMAGE, "sh", "-c",
                    "mkdir /www && echo served > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www");
            BothEngines.onBoth("create", "--name", sidecar, "--network", "container:" + web, IMAGE, "sh", "-c",
                    "hostname; grep -c webhost /etc/hosts; ip -4 -o addr show eth0 | awk '{print $4}';"
                            + " wget -qO- http://127.0.0.1:8080/; exec sleep 300");
            BothEngines.onBoth("start", sidecar);
            for (TestEngine engine : new TestEngine[] {BothEngines.berth(), BothEngines.dockerd()}) {
                String webId = engine.docker("inspect", "-f", "{{.Id}}", web).requireSuccess("inspect").stdout().strip();
                String webIp = engine.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", web).stdout().strip();
                String said = awaitLines(engine, sidecar, 4);
                assertEquals("webhost\n1\n" + webIp + "/" + prefix(engine, web) + "\nserved\n", said,
                        engine.toString());
                assertEquals("container:" + webId, engine.docker("inspect", "-f", "{{.HostConfig.NetworkMode}}",
                        sidecar).stdout().strip(), engine.toString());
            }
            BothEngines.same("inspect", "-f", "{{json .NetworkSettings.Networks}} {{json .NetworkSettings.Ports}} "
                    + "[{{.NetworkSettings.SandboxKey}}] {{.Config.Hostname}}", sidecar);
            BothEngines.same("ps", "--filter", "name=" + sidecar, "--format", "[{{.Networks}}] [{{.Ports}}]");
            BothEngines.sameFailure("container sharing network namespace with another container or host cannot be "
                    + "connected to any other network", "network", "connect", "bridge", sidecar);

            for (String[] conflict : new String[][] {{"-p", "80:80", "port publishing"}, {"-h", "x", "hostname"},
                    {"--dns", "10.0.0.1", "dns"}, {"--add-host", "a:10.0.0.1", "custom host-to-IP mapping"},
                    {"--expose", "80", "port exposing"}}) {
                BothEngines.sameFailure("conflicting options: " + conflict[2], "create", "--network",
                        "container:" + web, conflict[0], conflict[1], IMAGE, "true");
            }
            BothEngines.onBoth("create", "--name", stopped, IMAGE, "true");
            BothEngines.onBoth("create", "--name", orphan, "--network", "container:" + stopped, IMAGE, "true");
            BothEngines.sameFailure("cannot join network of a non running container", "start", orphan);
        } finally {
            BothEngines.quietly("rm", "-f", sidecar, web, stopped, orphan);
        }
    }

    /**
     * Legacy links: on the default bridge the linking container gets moby's variables and a hosts entry, the
     * linked one an extra name; on a user-defined network the alias resolves for the linking container only.
     */
    @Test
    void legacyLinksWorkAsInDocker() {
        Assumptions.assumeTrue(Boolean.getBoolean(Dockerd.BRIDGE_PROPERTY), "the test dockerd has no bridge");
        String target = BothEngines.unique("tgt");
        String parent = BothEngines.unique("par");
        String waiting = BothEngines.unique("par");
        String web = BothEngines.unique("web");
        String net = BothEngines.unique("net");
        Function<String, String> addresses = s -> s.replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+", "IP")
                .replaceAll("\\b[0-9a-f]{12}\\b", "SHORTID");
        try {
            BothEngines.onBoth("run", "-d", "--name", target, "-e", "FOO=bar", "--expose", "80", "--expose", "53/udp",
                    IMAGE, "sleep", "300");
            BothEngines.onBoth("create", "--name", parent, "--link", target + ":db-1", IMAGE, "sh", "-c",
                    "env | grep ^DB_1 | sort; grep -w db-1 /etc/hosts | cut -f2");
            String said = BothEngines.same(addresses, "start", "-a", parent).stdout();
            assertEquals(true, said.contains("DB_1_ENV_FOO=bar") && said.contains("DB_1_PORT=udp://")
                    && said.contains("DB_1_NAME=/" + parent + "/db-1") && said.contains("db-1 "), said);
            BothEngines.same("inspect", "-f", "{{json .HostConfig.Links}}", parent);
            BothEngines.same("ps", "-a", "--no-trunc", "--filter", "name=" + target, "--format", "{{.Names}}");

            BothEngines.sameFailure("Conflict, cannot remove the default link name of the container", "rm",
                    "--link", parent);
            BothEngines.same("rm", "--link", "/" + parent + "/db-1");
            BothEngines.same("inspect", "-f", "{{json .HostConfig.Links}}", parent);
            BothEngines.sameFailure("could not get container for", "create", "--link", BothEngines.unique("nope")
                    + ":x", IMAGE, "true");
            BothEngines.onBoth("create", "--name", waiting, "--link", target + ":t", IMAGE, "true");
            BothEngines.onBoth("stop", "-t", "0", target);
            BothEngines.sameFailure("Cannot link to a non running container", "start", waiting);

            BothEngines.onBoth("network", "create", net);
            BothEngines.onBoth("run", "-d", "--name", web, "--network", net, IMAGE, "sleep", "300");
            assertEquals("hosts\ndns\n", BothEngines.same("run", "--rm", "--network", net, "--link", web + ":front",
                    IMAGE, "sh", "-c", "ping -c1 -W2 front >/dev/null && echo hosts; nslookup front >/dev/null && echo dns")
                    .stdout());
            BothEngines.same("run", "--rm", "--network", net, IMAGE, "sh", "-c",
                    "nslookup front >/dev/null && echo dns || echo unknown");
        } finally {
            BothEngines.quietly("rm", "-f", parent, waiting, target, web);
            BothEngines.quietly("network", "rm", net);
        }
    }

    /**
     * An IPv6-enabled user network: dual-stack addresses, names resolving to both families (hosts file and AAAA),
     * and inspect's shape, against dockerd. Each engine gets a subnet of its own (one host, two bridges).
     */
    @Test
    void ipv6NetworksLookLikeDockers() {
        Assumptions.assumeTrue(Boolean.getBoolean(Dockerd.BRIDGE_PROPERTY), "the test dockerd has no bridge");
        String net = BothEngines.unique("net");
        String web = BothEngines.unique("web");
        int salt = java.util.concurrent.ThreadLocalRandom.current().nextInt(0x100, 0xfff0);
        Function<String, String> v6 = s -> SHAPE.apply(s.replaceAll("fd[0-9a-f]{2}:[0-9a-f:]+", "IP6"));
        try {
            int i = 0;
            for (TestEngine engine : new TestEngine[] {BothEngines.berth(), BothEngines.dockerd()}) {
                String subnet = String.format("fd%02x:%x::/64", 0x10 + i++, salt);
                engine.docker("network", "create", "--ipv6", "--subnet", subnet, net).requireSuccess("create");
                engine.docker("run", "-d", "--name", web, "--network", net, IMAGE, "sleep", "300")
                        .requireSuccess("run");
            }
            BothEngines.same(v6, "network", "inspect", "-f", "{{.EnableIPv6}} {{json .IPAM.Config}}", net);
            BothEngines.same(v6, "inspect", "-f", "{{json .NetworkSettings.Networks}}", web);
            BothEngines.same(v6, "network", "inspect", "-f", "{{json .Containers}}", net);
            assertEquals("ping6\naaaa\n", BothEngines.same("run", "--rm", "--network", net, IMAGE, "sh", "-c",
                    "ping -6 -c1 -W2 " + web + " >/dev/null && echo ping6; nslookup -type=AAAA " + web
                            + " | grep -q 'Address: fd' && echo aaaa").stdout());
            BothEngines.same(v6, "run", "--rm", "--network", net, IMAGE, "sh", "-c",
                    "ip -6 -o addr show eth0 scope global | awk '{print $4}'");
        } finally {
            BothEngines.quietly("rm", "-f", web);
            BothEngines.quietly("network", "rm", net);
        }
    }

    private static String prefix(TestEngine engine, String container) {
        return engine.docker("inspect", "-f", "{{.NetworkSettings.IPPrefixLen}}", container).stdout().strip();
    }

    /** The container's log once it has {@code lines} lines. */
    private static String awaitLines(TestEngine engine, String container, int lines) throws InterruptedException {
        String out = "";
        for (int i = 0; i < 100; i++) {
            out = engine.docker("logs", container).stdout();
            if (out.lines().count() >= lines) {
                return out;
            }
            Thread.sleep(100);
        }
        return out;
    }
}
