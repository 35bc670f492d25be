package dev.berth.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code berth engine} flags and the daemon.json they may point at, with dockerd's names and its rule that
 * an option set both ways is an error rather than a silent override.
 */
public final class EngineOptionsParser {

    /** A usage error: the message is for the user, one line. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> BOOLEAN_FLAGS = Set.of("tls", "tlsverify", "allow-insecure-tcp");
    private static final Set<String> VALUE_FLAGS = Set.of("host", "data-root", "exec-root", "runtime",
            "config-file", "log-level", "group", "tlscacert", "tlscert", "tlskey", "bip", "bridge",
            "default-address-pool");
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

    private EngineOptionsParser() {
    }

    public static EngineOptions parse(List<String> args) throws UsageException {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name;
            String value = null;
            if (arg.equals("-H")) {
                name = "host";
            } else if (arg.startsWith("-H") && !arg.startsWith("--")) {
                name = "host";
                value = arg.substring(2).replaceFirst("^=", "");
            } else if (arg.equals("-l")) {
                name = "log-level";
            } else if (arg.startsWith("--")) {
                name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
            } else {
                throw new UsageException("unexpected argument \"" + arg + "\"; see 'berth engine --help'");
            }
            if (BOOLEAN_FLAGS.contains(name)) {
                flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
                continue;
            }
            if (!VALUE_FLAGS.contains(name)) {
                throw new UsageException("unknown flag: " + arg + "; see 'berth engine --help'");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("flag needs an argument: " + arg);
                }
                value = args.get(++i);
            }
            flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> file = new LinkedHashMap<>();
        if (flags.containsKey("config-file")) {
            file = readConfigFile(Path.of(last(flags, "config-file")));
        }
        List<String> both = new ArrayList<>();
        for (String key : file.keySet()) {
            if (flags.containsKey(key)) {
                both.add(key + ": (from flag: " + flags.get(key) + ", from file: " + file.get(key) + ")");
            }
        }
        if (!both.isEmpty()) {
            throw new UsageException("the following directives are specified both as a flag and in the "
                    + "configuration file: " + String.join(", ", both));
        }
        flags.putAll(file);

        EngineOptions d = EngineOptions.defaults();
        List<String> hosts = flags.getOrDefault("host", d.hosts());
        for (String host : hosts) {
            if (!host.startsWith("unix://") && !host.startsWith("tcp://") && !host.startsWith("fd://")) {
                throw new UsageException("invalid host \"" + host + "\": use unix:///path or tcp://host:port");
            }
            if (host.startsWith("fd://")) {
                throw new UsageException("fd:// (socket activation) is not supported; use unix:///path");
            }
        }
        String logLevel = flags.containsKey("log-level") ? last(flags, "log-level") : d.logLevel();
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new UsageException("unable to parse logging level: " + logLevel);
        }
        return new EngineOptions(
                List.copyOf(hosts),
                path(flags, "data-root", d.dataRoot()),
                path(flags, "exec-root", d.execRoot()),
                flags.containsKey("runtime") ? last(flags, "runtime") : d.runtime(),
                logLevel,
                flags.containsKey("group") ? last(flags, "group") : d.group(),
                bool(flags, "tls"),
                bool(flags, "tlsverify"),
                path(flags, "tlscacert", null),
                path(flags, "tlscert", null),
                path(flags, "tlskey", null),
                bool(flags, "allow-insecure-tcp"),
                bridgeName(flags.containsKey("bridge") ? last(flags, "bridge") : d.bridge()),
                bip(flags.containsKey("bip") ? last(flags, "bip") : d.bip()),
                pool(flags, d)[0],
                Integer.parseInt(pool(flags, d)[1]));
    }

    private static String bridgeName(String name) throws UsageException {
        if (name.isEmpty() || name.length() > 15 || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new UsageException("invalid --bridge \"" + name + "\": an interface name of at most 15 letters, "
                    + "digits, '_', '.' or '-'");
        }
        return name;
    }

    private static String bip(String bip) throws UsageException {
        if (!bip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw new UsageException("invalid --bip \"" + bip + "\": give the bridge's address and prefix, e.g. "
                    + "172.31.0.1/16");
        }
        return bip;
    }

    /** dockerd's {@code base=10.10.0.0/16,size=24}. */
    private static String[] pool(Map<String, List<String>> flags, EngineOptions d) throws UsageException {
        if (!flags.containsKey("default-address-pool")) {
            return new String[] {d.addressPoolBase(), Integer.toString(d.addressPoolSize())};
        }
        String v = last(flags, "default-address-pool");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("base=(\\d+\\.\\d+\\.\\d+\\.\\d+/(\\d+)),size=(\\d+)").matcher(v);
        if (!m.matches() || Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))
                || Integer.parseInt(m.group(3)) > 30) {
            throw new UsageException("invalid --default-address-pool \"" + v + "\": use base=CIDR,size=N");
        }
        return new String[] {m.group(1), m.group(3)};
    }

    private static Map<String, List<String>> readConfigFile(Path file) throws UsageException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("unable to configure the engine with file " + file + ": it does not exist");
        } catch (IOException e) {
            throw new UsageException("unable to configure the engine with file " + file + ": "
                    + e.getMessage().lines().findFirst().orElse("invalid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("unable to configure the engine with file " + file + ": expected a JSON object");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = switch (e.getKey()) {
                case "hosts" -> "host";
                case "default-runtime" -> "runtime";
                default -> e.getKey();
            };
            if (!VALUE_FLAGS.contains(key) && !BOOLEAN_FLAGS.contains(key)) {
                throw new UsageException("the following directives don't match any configuration option: "
                        + e.getKey());
            }
            List<String> list = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list.add(v.asText()));
            } else {
                list.add(e.getValue().asText());
            }
            values.put(key, list);
        }
        return values;
    }

    private static String last(Map<String, List<String>> flags, String name) {
        List<String> values = flags.get(name);
        return values.get(values.size() - 1);
    }

    private static Path path(Map<String, List<String>> flags, String name, Path fallback) {
        return flags.containsKey(name) ? Path.of(last(flags, name)) : fallback;
    }

    private static boolean bool(Map<String, List<String>> flags, String name) throws UsageException {
        if (!flags.containsKey(name)) {
            return false;
        }
        String v = last(flags, name);
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new UsageException("invalid boolean value \"" + v + "\" for --" + name);
        };
    }

    public static String usage() {
        return """
                Usage: berth engine [OPTIONS]

                Runs Berth's container engine and serves the Docker Engine API, so the docker CLI works with
                DOCKER_HOST=unix:///run/berth/berth.sock.

                Options:
                  -H, --host ADDR          listen on unix:///path or tcp://host:port (repeatable;
                                           default unix:///run/berth/berth.sock, mode 0660)
                      --data-root DIR      images, containers and volumes (default /var/lib/berth)
                      --exec-root DIR      runtime state (default /run/berth)
                      --runtime NAME       OCI runtime: runc (crun where the host allows it)
                      --config-file FILE   a daemon.json with the same options
                      --group NAME         group owning the Unix socket (default berth)
                  -l, --log-level LEVEL    debug, info, warn, error or fatal (default info)
                      --tlsverify          require client certificates signed by --tlscacert on TCP
                      --tls                TLS without verifying clients (loopback only, or with
                                           --allow-insecure-tcp)
                      --tlscacert FILE     CA that signs client certificates
                      --tlscert FILE       the server's certificate
                      --tlskey FILE        the server's key
                      --allow-insecure-tcp serve TCP without client certificates on a non-loopback address
                      --bridge NAME        host bridge of the default bridge network (default berth0)
                      --bip CIDR           the default bridge's address (default 172.31.0.1/16)
                      --default-address-pool base=CIDR,size=N
                                           subnets for user-defined networks (default
                                           base=10.201.0.0/16,size=24)
                """;
    }
}
