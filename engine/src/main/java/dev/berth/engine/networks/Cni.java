package dev.berth.engine.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs CNI plugins (the CNI spec's exec protocol): the command, container, namespace and interface in the
 * environment, the plugin's config on stdin, the result or an error object on stdout. Results are not cached by a
 * libcni here: the caller keeps them with the endpoint and passes them back as {@code prevResult} on DEL.
 */
public final class Cni {

    static final String VERSION = "1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path pluginDir;

    public Cni(Path pluginDir) {
        this.pluginDir = pluginDir;
    }

    /** Where Debian installs the plugins; null if they are not there. */
    public static Path findPlugins() {
        for (String dir : List.of("/usr/lib/cni", "/opt/cni/bin", "/usr/libexec/cni")) {
            if (Files.isExecutable(Path.of(dir, "bridge"))) {
                return Path.of(dir);
            }
        }
        return null;
    }

    /** Walks the list forward: each plugin gets the previous one's result. Returns the last result. */
    public JsonNode add(String networkName, List<ObjectNode> plugins, String containerId, Path netns, String ifname,
            String args) {
        JsonNode prev = null;
        int done = 0;
        try {
            for (ObjectNode plugin : plugins) {
                prev = exec("ADD", config(networkName, plugin, prev), containerId, netns, ifname, args);
                done++;
            }
            return prev;
        } catch (RuntimeException e) {
            // undo what the plugins before the failing one did
            for (int i = done - 1; i >= 0; i--) {
                try {
                    exec("DEL", config(networkName, plugins.get(i), prev), containerId, netns, ifname, args);
                } catch (RuntimeException ignored) {
                    // the first error is the one that matters
                }
            }
            throw e;
        }
    }

    /** Walks the list backwards with the cached result; every plugin runs even if one fails. */
    public void del(String networkName, List<ObjectNode> plugins, String containerId, Path netns, String ifname,
            String args, JsonNode result) {
        RuntimeException first = null;
        for (int i = plugins.size() - 1; i >= 0; i--) {
            try {
                exec("DEL", config(networkName, plugins.get(i), result), containerId, netns, ifname, args);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static ObjectNode config(String networkName, ObjectNode plugin, JsonNode prev) {
        ObjectNode c = plugin.deepCopy();
        c.put("cniVersion", VERSION);
        c.put("name", networkName);
        if (prev != null) {
            c.set("prevResult", prev);
        }
        return c;
    }

    private JsonNode exec(String command, ObjectNode config, String containerId, Path netns, String ifname,
            String args) {
        String type = config.path("type").asText();
        ProcessBuilder pb = new ProcessBuilder(pluginDir.resolve(type).toString());
        var env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns == null ? "" : netns.toString());
        env.put("CNI_IFNAME", ifname);
        env.put("CNI_PATH", pluginDir.toString());
        env.put("CNI_ARGS", args == null ? "IgnoreUnknown=1" : args);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(config));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("CNI plugin " + type + " " + command + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                String msg = text;
                try {
                    JsonNode err = JSON.readTree(text);
                    msg = err.path("msg").asText(text);
                    if (!err.path("details").asText().isEmpty()) {
                        msg += ": " + err.path("details").asText();
                    }
                } catch (IOException notJson) {
                    // keep the raw text
                }
                throw new IllegalStateException("CNI plugin " + type + " " + command + " failed: " + msg);
            }
            return text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("running CNI plugin " + type + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
