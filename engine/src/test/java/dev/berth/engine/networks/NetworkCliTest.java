package dev.berth.engine.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.testing.BerthEngine;
import dev.berth.engine.testing.BusyboxImage;
import dev.berth.engine.testing.DockerCli;
import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bridge networking through the docker CLI on a private engine (its own bridge and subnets): the default bridge,
 * user-defined networks with names and aliases, connect and disconnect at runtime, published ports over loopback,
 * port conflicts, and all of it surviving an engine restart and leaving nothing behind after removal.
 */
@ExtendWith(EngineLogOnFailure.class)
class NetworkCliTest {

    private static final String IMAGE = BerthEngine.BUSYBOX;
    private static final String HTTPD = "mkdir -p /w && echo hello > /w/index.html && exec httpd -f -p 80 -h /w";
    private static BerthEngine engine;
    private static DockerCli docker;

    @BeforeAll
    static void startEngine() {
        engine = BerthEngine.startNew();
        docker = engine.cli();
        docker.run(BusyboxImage.importArgs()).requireSuccess("import busybox");
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
            assertFalse(linkExists(engine.bridgeName()), "the engine's bridge is gone after cleanup");
        }
    }

    @Test
    void theDefaultBridgeGivesAddressesThatReachEachOther() {
        String a = id(docker.run("run", "-d", "--name", "bridged-a", IMAGE, "sleep", "300"));
        try {
            String ip = inspect("{{.NetworkSettings.IPAddress}}", a);
            String gateway = inspect("{{.NetworkSettings.Gateway}}", a);
            assertTrue(ip.matches("10\\.\\d+\\.\\d+\\.\\d+"), ip);
            assertEquals(gateway, inspect("{{.NetworkSettings.Networks.bridge.Gateway}}", a));
            assertEquals(ip, inspect("{{.NetworkSettings.Networks.bridge.IPAddress}}", a));
            assertEquals("24", inspect("{{.NetworkSettings.Networks.bridge.IPPrefixLen}}", a));
            assertTrue(inspect("{{.NetworkSettings.MacAddress}}", a).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
            assertTrue(linkExists(engine.bridgeName()), "the default network's bridge exists");

            ProcessResult ping = docker.run("run", "--rm", IMAGE, "ping", "-c", "1", "-W", "5", ip);
            assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());
            String inspected = docker.run("network", "inspect", "bridge").requireSuccess("inspect").stdout();
            assertTrue(inspected.contains("\"" + a + "\"") && inspected.contains(ip + "/24"), inspected);

            String hosts = docker.run("run", "--rm", "--add-host", "gw:host-gateway", IMAGE, "cat", "/etc/hosts")
                    .requireSuccess("host-gateway").stdout();
            assertTrue(hosts.contains(gateway + "\tgw\n"), hosts);

            ProcessResult none = docker.run("run", "--rm", "--network", "none", IMAGE, "ip", "-o", "addr");
            assertFalse(none.stdout().contains("eth0"), "--network none has loopback only: " + none.stdout());
        } finally {
            docker.run("rm", "-f", a);
        }
        assertFalse(Files.exists(engine.execRoot().resolve("netns").resolve(a.substring(0, 12))),
                "the namespace goes with the container");
    }

    @Test
    void containersOnAUserNetworkFindEachOtherByNameAliasAndShortId() {
        int third = ThreadLocalRandom.current().nextInt(1, 250);
        String subnet = "10.251." + third + ".0/24";
        String started = String.valueOf(Instant.now().getEpochSecond() - 1);
        String gateway = "10.251." + third + ".254";
        String net = id(docker.run("network", "create", "--subnet", subnet, "--gateway", gateway, "--label",
                "purpose=test", "appnet"));
        String a = null;
        String b = null;
        String c = null;
        try {
            assertEquals(subnet, docker.run("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}",
                    "appnet").requireSuccess("inspect").stdout().strip());
            assertTrue(docker.run("network", "ls", "--filter", "label=purpose=test", "--format", "{{.Name}}")
                    .stdout().contains("appnet"));
            a = id(docker.run("run", "-d", "--name", "server", "--network", "appnet", "--network-alias", "db",
                    IMAGE, "sleep", "300"));
            b = id(docker.run("run", "-d", "--name", "client", "--network", "appnet", "--ip", "10.251." + third
                    + ".77", IMAGE, "sleep", "300"));
            assertEquals("10.251." + third + ".77", inspect("{{.NetworkSettings.Networks.appnet.IPAddress}}", b));
            assertTrue(inspect("{{.NetworkSettings.Networks.appnet.IPAddress}}", a).startsWith("10.251." + third
                    + "."));
            assertEquals(gateway, inspect("{{.NetworkSettings.Networks.appnet.Gateway}}", a));
            assertEquals(net, inspect("{{.NetworkSettings.Networks.appnet.NetworkID}}", a));
            assertEquals("[db " + a.substring(0, 12) + "]", inspect("{{.NetworkSettings.Networks.appnet.Aliases}}",
                    a));
            for (String name : List.of("server", "db", a.substring(0, 12))) {
                ProcessResult ping = docker.run("exec", "client", "ping", "-c", "1", "-W", "5", name);
                assertEquals(0, ping.exitCode(), name + ": " + ping.stdout() + ping.stderr());
            }

            // the network's DNS server on its gateway answers the same names (nslookup asks it directly)
            assertTrue(docker.run("exec", "client", "cat", "/etc/resolv.conf").stdout()
                    .contains("nameserver " + gateway + "\n"));
            String serverIp = inspect("{{.NetworkSettings.Networks.appnet.IPAddress}}", a);
            for (String name : List.of("server", "db", a.substring(0, 12))) {
                ProcessResult lookup = docker.run("exec", "client", "nslookup", name);
                assertTrue(lookup.stdout().contains("Address: " + serverIp), name + ": " + lookup.stdout()
                        + lookup.stderr());
            }

            ProcessResult refused = docker.run("network", "rm", "appnet");
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("error while removing network: network appnet id " + net
                    + " has active endpoints"), refused.stderr());

            // a container on the default bridge joins at runtime, then leaves
            c = id(docker.run("run", "-d", "--name", "joiner", IMAGE, "sleep", "300"));
            docker.run("network", "connect", "--alias", "late", "appnet", "joiner").requireSuccess("connect");
            ProcessResult reach = docker.run("exec", "joiner", "ping", "-c", "1", "-W", "5", "server");
            assertEquals(0, reach.exitCode(), reach.stdout() + reach.stderr());
            ProcessResult back = docker.run("exec", "server", "ping", "-c", "1", "-W", "5", "late");
            assertEquals(0, back.exitCode(), back.stdout() + back.stderr());
            // a stopped container connected now gets its endpoint when it starts
            String later = id(docker.run("create", "--name", "later", IMAGE, "sleep", "300"));
            try {
                docker.run("network", "connect", "appnet", "later").requireSuccess("connect stopped");
                assertEquals("", inspect("{{.NetworkSettings.Networks.appnet.IPAddress}}", later));
                docker.run("start", "later").requireSuccess("start");
                assertTrue(inspect("{{.NetworkSettings.Networks.appnet.IPAddress}}", later).startsWith("10.251."
                        + third + "."));
                ProcessResult fromLater = docker.run("exec", "later", "ping", "-c", "1", "-W", "5", "db");
                assertEquals(0, fromLater.exitCode(), fromLater.stdout() + fromLater.stderr());
            } finally {
                docker.run("rm", "-f", later);
            }
            docker.run("network", "disconnect", "appnet", "joiner").requireSuccess("disconnect");
            assertFalse(docker.run("exec", "joiner", "ip", "-o", "addr").stdout().contains("eth1"),
                    "the endpoint is gone after disconnect");
            assertEquals("", inspect("{{.NetworkSettings.Networks.appnet}}", c).replace("<no value>", ""));
        } finally {
            for (String id : new String[] {a, b, c}) {
                if (id != null) {
                    docker.run("rm", "-f", id);
                }
            }
            docker.run("network", "rm", "appnet");
        }
        assertNotEquals(0, docker.run("network", "inspect", "appnet").exitCode());
        String events = docker.run("events", "--since", started, "--until", String.valueOf(Instant.now()
                .getEpochSecond() + 1), "--filter", "type=network", "--filter", "network=" + net, "--format",
                "{{.Action}}").requireSuccess("events").stdout();
        // as dockerd: an endpoint made (start, or connect while running) is a connect, one removed a disconnect
        List<String> actions = events.lines().toList();
        assertEquals("create", actions.get(0), events);
        assertEquals("destroy", actions.get(actions.size() - 1), events);
        assertEquals(4, actions.stream().filter("connect"::equals).count(), events);
        assertEquals(4, actions.stream().filter("disconnect"::equals).count(), events);
        assertFalse(linkExists("br-" + net.substring(0, 12)), "the network's bridge goes with it");
    }

    @Test
    void aPublishedPortServesOverLoopbackAndSurvivesAnEngineRestart() throws Exception {
        String web = id(docker.run("run", "-d", "--name", "web", "-p", "127.0.0.1:0:80", IMAGE, "sh", "-c", HTTPD));
        try {
            String port = docker.run("port", "web").requireSuccess("port").stdout();
            Matcher m = Pattern.compile("80/tcp -> 127\\.0\\.0\\.1:(\\d+)\n").matcher(port);
            assertTrue(m.matches(), "docker port shape: " + port);
            int hostPort = Integer.parseInt(m.group(1));
            assertEquals("127.0.0.1:" + hostPort, docker.run("port", "web", "80").stdout().strip());
            assertEquals("127.0.0.1:" + hostPort + "->80/tcp", docker.run("ps", "--filter", "name=web", "--format",
                    "{{.Ports}}").stdout().strip());
            assertEquals("hello\n", fetch(hostPort));

            ProcessResult taken = docker.run("run", "-d", "--name", "web2", "-p", "127.0.0.1:" + hostPort + ":80",
                    IMAGE, "sleep", "30");
            assertNotEquals(0, taken.exitCode());
            assertTrue(taken.stderr().contains("Bind for 127.0.0.1:" + hostPort + " failed: port is already "
                    + "allocated"), taken.stderr());
            docker.run("rm", "-f", "web2");
            try (ServerSocket busy = new ServerSocket()) {
                busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ProcessResult inUse = docker.run("run", "-d", "--name", "web3", "-p", "127.0.0.1:"
                        + busy.getLocalPort() + ":80", IMAGE, "sleep", "30");
                assertNotEquals(0, inUse.exitCode());
                assertTrue(inUse.stderr().contains("address already in use"), inUse.stderr());
                docker.run("rm", "-f", "web3");
            }

            // -P publishes what the image (here --expose) exposes, on a random port of every address
            String all = id(docker.run("run", "-d", "-P", "--expose", "81", IMAGE, "sleep", "300"));
            try {
                assertTrue(docker.run("port", all).stdout().matches("81/tcp -> 0\\.0\\.0\\.0:\\d+\n"),
                        docker.run("port", all).stdout());
            } finally {
                docker.run("rm", "-f", all);
            }

            String ip = inspect("{{.NetworkSettings.IPAddress}}", web);
            engine.restart();
            assertEquals("true", inspect("{{.State.Running}}", web));
            assertEquals(ip, inspect("{{.NetworkSettings.IPAddress}}", web));
            assertEquals(port, docker.run("port", "web").requireSuccess("port after restart").stdout());
            assertEquals("hello\n", fetch(hostPort));

            docker.run("rm", "-f", "web").requireSuccess("rm");
            assertFalse(iptablesMention(web), "no iptables rule names the removed container");
            await("the port is released", () -> {
                try {
                    fetch(hostPort);
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
        } finally {
            docker.run("rm", "-f", "web");
        }
        assertFalse(Files.exists(engine.execRoot().resolve("netns").resolve(web.substring(0, 12))));
    }

    private static String fetch(int port) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                .openConnection();
        conn.setConnectTimeout(5000);
        conn.setReadTimeout(5000);
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            conn.disconnect();
        }
    }

    private static boolean iptablesMention(String containerId) {
        String nat = Commands.run(List.of("iptables-save"), Map.of(), null, 30).stdout();
        return nat.contains(containerId);
    }

    private static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    private static String inspect(String format, String container) {
        return docker.run("inspect", "-f", format, container).requireSuccess("inspect " + format).stdout().strip();
    }

    private static String id(ProcessResult r) {
        return r.requireSuccess("docker").stdout().strip();
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
