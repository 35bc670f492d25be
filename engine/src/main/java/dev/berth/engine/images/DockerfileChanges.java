package dev.berth.engine.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the {@code changes} of import and commit: Dockerfile instructions, as moby's
 * {@code dockerfile.BuildFromConfig} does. Only CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD,
 * STOPSIGNAL, USER, VOLUME and WORKDIR are allowed; exec (JSON) and shell forms are both accepted.
 */
final class DockerfileChanges {

    private static final Set<String> VALID = Set.of("cmd", "entrypoint", "healthcheck", "env", "expose", "label",
            "onbuild", "stopsignal", "user", "volume", "workdir");
    private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\w+))?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private DockerfileChanges() {
    }

    static ContainerConfig apply(ContainerConfig base, List<String> changes) {
        if (changes == null || changes.isEmpty()) {
            return base;
        }
        List<String[]> instructions = new ArrayList<>();
        for (String line : String.join("\n", changes).replaceAll("\\\\\\r?\\n", "").split("\\r?\\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            String keyword = parts[0].toLowerCase(Locale.ROOT);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            if (!VALID.contains(keyword)) {
                throw EngineException.badRequest(keyword + " is not a valid change command");
            }
            instructions.add(new String[] {keyword, rest, parts[0]});
        }
        ConfigBuilder c = ConfigBuilder.from(base);
        boolean cmdSet = false;
        for (String[] ins : instructions) {
            String keyword = ins[0];
            String rest = ins[1];
            Map<String, String> env = c.envMap();
            switch (keyword) {
                case "cmd" -> {
                    c.cmd = command(rest, c);
                    cmdSet = true;
                }
                case "entrypoint" -> {
                    c.entrypoint = command(rest, c);
                    if (!cmdSet) {
                        c.cmd = null;
                    }
                }
                case "env" -> {
                    for (Map.Entry<String, String> kv : pairs("ENV", rest, env).entrySet()) {
                        c.setEnv(kv.getKey(), kv.getValue());
                    }
                }
                case "label" -> {
                    if (c.labels == null) {
                        c.labels = new LinkedHashMap<>();
                    }
                    c.labels.putAll(pairs("LABEL", rest, env));
                }
                case "workdir" -> {
                    String dir = ShellWords.process(rest, env);
                    if (dir.isEmpty()) {
                        throw EngineException.badRequest("WORKDIR requires exactly one argument");
                    }
                    String current = c.workingDir == null ? "" : c.workingDir;
                    c.workingDir = dir.startsWith("/") ? clean(dir) : clean("/" + current + "/" + dir);
                }
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw EngineException.badRequest("USER requires exactly one argument");
                    }
                    c.user = ShellWords.process(rest, env);
                }
                case "expose" -> {
                    if (rest.isEmpty()) {
                        throw EngineException.badRequest("EXPOSE requires at least one argument");
                    }
                    if (c.exposedPorts == null) {
                        c.exposedPorts = new LinkedHashMap<>();
                    }
                    for (String word : ShellWords.split(rest)) {
                        for (String port : ports(ShellWords.process(word, env))) {
                            c.exposedPorts.put(port, Map.of());
                        }
                    }
                }
                case "volume" -> {
                    List<String> vols = jsonArray(rest);
                    if (vols == null) {
                        vols = new ArrayList<>();
                        for (String word : ShellWords.split(rest)) {
                            vols.add(ShellWords.process(word, env));
                        }
                    }
                    if (vols.isEmpty()) {
                        throw EngineException.badRequest("VOLUME requires at least one argument");
                    }
                    if (c.volumes == null) {
                        c.volumes = new LinkedHashMap<>();
                    }
                    for (String v : vols) {
                        if (v.isBlank()) {
                            throw EngineException.badRequest("VOLUME specified can not be an empty string");
                        }
                        c.volumes.put(v.strip(), Map.of());
                    }
                }
                case "stopsignal" -> {
                    String signal = ShellWords.process(rest, env);
                    if (!signal.matches("\\d+") && !signal.toUpperCase(Locale.ROOT).matches("(SIG)?[A-Z0-9+-]+")) {
                        throw EngineException.badRequest("Invalid signal: " + signal);
                    }
                    c.stopSignal = signal;
                }
                case "onbuild" -> {
                    String trigger = rest.isEmpty() ? "" : rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                    switch (trigger) {
                        case "" -> throw EngineException.badRequest("ONBUILD requires at least one argument");
                        case "ONBUILD" -> throw EngineException.badRequest(
                                "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                        case "FROM", "MAINTAINER" -> throw EngineException.badRequest(
                                trigger + " isn't allowed as an ONBUILD trigger");
                        default -> {
                        }
                    }
                    if (c.onBuild == null) {
                        c.onBuild = new ArrayList<>();
                    }
                    c.onBuild.add(rest);
                }
                case "healthcheck" -> c.healthcheck = healthcheck(rest, c);
                default -> throw EngineException.badRequest(keyword + " is not a valid change command");
            }
        }
        return c.build();
    }

    /** Exec form (a JSON array of strings) as is; shell form wrapped in the config's shell or /bin/sh -c. */
    private static List<String> command(String rest, ConfigBuilder c) {
        List<String> json = jsonArray(rest);
        if (json != null) {
            return json;
        }
        List<String> shell = c.shell != null && !c.shell.isEmpty() ? new ArrayList<>(c.shell)
                : new ArrayList<>(List.of("/bin/sh", "-c"));
        shell.add(rest);
        return shell;
    }

    /** The strings of a JSON array, or null when {@code text} is not one (then it is shell form). */
    static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return null;
                }
                values.add(item.asText());
            }
            return values;
        } catch (Exception e) {
            return null;
        }
    }

    /** ENV/LABEL arguments: {@code k=v k2="v 2"} or the legacy single {@code k value with spaces}. */
    private static Map<String, String> pairs(String instruction, String rest, Map<String, String> env) {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> words = ShellWords.split(rest);
        if (words.isEmpty()) {
            throw EngineException.badRequest(instruction + " requires at least one argument");
        }
        if (!words.get(0).contains("=")) {
            String[] legacy = rest.split("\\s+", 2);
            if (legacy.length < 2) {
                throw EngineException.badRequest(instruction + " requires at least two arguments");
            }
            pairs.put(ShellWords.process(legacy[0], env), ShellWords.process(legacy[1], env));
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw EngineException.badRequest("Syntax error - can't find = in \"" + word
                        + "\". Must be of the form: name=value");
            }
            String key = ShellWords.process(word.substring(0, eq), env);
            if (key.isEmpty()) {
                throw EngineException.badRequest(instruction + " names can not be blank");
            }
            pairs.put(key, ShellWords.process(word.substring(eq + 1), env));
        }
        return pairs;
    }

    /** "80", "80/udp", "8000-8002/tcp" as the "port/proto" keys of ExposedPorts. */
    private static List<String> ports(String spec) {
        Matcher m = PORT.matcher(spec.strip());
        if (!m.matches()) {
            throw EngineException.badRequest("Invalid containerPort: " + spec);
        }
        int start = Integer.parseInt(m.group(1));
        int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
        String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
        if (start > 65535 || end > 65535 || end < start) {
            throw EngineException.badRequest("Invalid containerPort: " + spec);
        }
        List<String> ports = new ArrayList<>();
        for (int p = start; p <= end; p++) {
            ports.add(p + "/" + proto);
        }
        return ports;
    }

    private static HealthConfig healthcheck(String rest, ConfigBuilder c) {
        if (rest.equalsIgnoreCase("NONE")) {
            return new HealthConfig(List.of("NONE"), null, null, null, null, null);
        }
        Long interval = null;
        Long timeout = null;
        Long startPeriod = null;
        Long startInterval = null;
        Integer retries = null;
        String remaining = rest;
        while (remaining.startsWith("--")) {
            String[] parts = remaining.split("\\s+", 2);
            String flag = parts[0];
            remaining = parts.length > 1 ? parts[1].strip() : "";
            int eq = flag.indexOf('=');
            if (eq < 0) {
                throw EngineException.badRequest("Bad flag in HEALTHCHECK: " + flag);
            }
            String name = flag.substring(2, eq);
            String value = flag.substring(eq + 1);
            switch (name) {
                case "interval" -> interval = duration(value);
                case "timeout" -> timeout = duration(value);
                case "start-period" -> startPeriod = duration(value);
                case "start-interval" -> startInterval = duration(value);
                case "retries" -> {
                    try {
                        retries = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw EngineException.badRequest("invalid retries value: " + value);
                    }
                }
                default -> throw EngineException.badRequest("Unknown flag: " + name);
            }
        }
        String[] parts = remaining.split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("CMD") || parts.length < 2) {
            throw EngineException.badRequest("Unknown type \"" + parts[0] + "\" in HEALTHCHECK (try CMD)");
        }
        List<String> json = jsonArray(parts[1].strip());
        List<String> test = new ArrayList<>();
        if (json != null) {
            test.add("CMD");
            test.addAll(json);
        } else {
            test.add("CMD-SHELL");
            test.add(parts[1].strip());
        }
        return new HealthConfig(test, interval, timeout, retries, startPeriod, startInterval);
    }

    /** A Go duration ("30s", "1m30s", "500ms") in nanoseconds. */
    static long duration(String text) {
        Matcher m = DURATION_PART.matcher(text);
        long total = 0;
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw EngineException.badRequest("time: invalid duration \"" + text + "\"");
            }
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            total += (long) (n * unit);
            pos = m.end();
        }
        if (pos != text.length() || text.isEmpty()) {
            if (text.equals("0")) {
                return 0;
            }
            throw EngineException.badRequest("time: invalid duration \"" + text + "\"");
        }
        return total;
    }

    private static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
