package dev.berth.remote.tls;

import dev.berth.remote.tls.BundleFile.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to use a generated bundle: the dockerd flags or daemon.json for the daemon host, and the environment
 * or flags for the docker CLI. Paths are absolute paths into the bundle directory; users copy the files
 * elsewhere as they see fit.
 *
 * @param dockerdCommand {@code dockerd --tlsverify ... -H=0.0.0.0:PORT}
 * @param daemonJson a complete daemon.json object
 * @param daemonJsonNote the {@code hosts} vs {@code -H} caveat, one line
 * @param clientEnvironment {@code export DOCKER_HOST=...} and friends, one per line
 * @param dockerCommand a {@code docker ... version} line that checks the connection without environment
 */
public record TlsUsageText(
        String dockerdCommand,
        String daemonJson,
        String daemonJsonNote,
        List<String> clientEnvironment,
        String dockerCommand) {

    /** IANA port for Docker over TLS. */
    public static final int DEFAULT_PORT = 2376;

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public TlsUsageText {
        clientEnvironment = List.copyOf(clientEnvironment);
    }

    public static TlsUsageText of(TlsBundle bundle) {
        return of(bundle, bundle.primaryHost(), DEFAULT_PORT);
    }

    /** @param host how clients reach the daemon; should be one of the server certificate's names */
    public static TlsUsageText of(TlsBundle bundle, String host, int port) {
        Path dir = bundle.outDir().toAbsolutePath();
        String ca = dir.resolve(Role.CA_CERT.fileName()).toString();
        String serverCert = dir.resolve(Role.SERVER_CERT.fileName()).toString();
        String serverKey = dir.resolve(Role.SERVER_KEY.fileName()).toString();
        String clientCert = dir.resolve(Role.CLIENT_CERT.fileName()).toString();
        String clientKey = dir.resolve(Role.CLIENT_KEY.fileName()).toString();
        String listen = "0.0.0.0:" + port;
        String daemonUrl = "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;

        String dockerd = "dockerd --tlsverify --tlscacert=" + shell(ca) + " --tlscert=" + shell(serverCert)
                + " --tlskey=" + shell(serverKey) + " -H=" + listen;
        String json = "{\n"
                + "  \"tlsverify\": true,\n"
                + "  \"tlscacert\": " + json(ca) + ",\n"
                + "  \"tlscert\": " + json(serverCert) + ",\n"
                + "  \"tlskey\": " + json(serverKey) + ",\n"
                + "  \"hosts\": [" + json("tcp://" + listen) + "]\n"
                + "}";
        String note = "Note: \"hosts\" in daemon.json conflicts with -H in the systemd unit (Debian's docker.io unit"
                + " runs dockerd -H fd://): dockerd will not start unless you drop one of them.";
        List<String> env = List.of(
                "export DOCKER_HOST=" + daemonUrl,
                "export DOCKER_TLS_VERIFY=1",
                "export DOCKER_CERT_PATH=" + shell(dir.toString()));
        String docker = "docker --tlsverify --tlscacert=" + shell(ca) + " --tlscert=" + shell(clientCert)
                + " --tlskey=" + shell(clientKey) + " -H=" + daemonUrl + " version";
        return new TlsUsageText(dockerd, json, note, env, docker);
    }

    /** All of it as text for a terminal or a copyable dialog. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("On the daemon host (needs ca.pem, server-cert.pem, server-key.pem; keep ca-key.pem elsewhere):\n");
        text.append("  ").append(dockerdCommand).append("\n\n");
        text.append("or in /etc/docker/daemon.json:\n");
        daemonJson.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("  ").append(daemonJsonNote).append("\n\n");
        text.append("On the client (needs ca.pem, cert.pem, key.pem):\n");
        clientEnvironment.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("\nor per command:\n");
        text.append("  ").append(dockerCommand).append('\n');
        return text.toString();
    }

    private static String shell(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String json(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
