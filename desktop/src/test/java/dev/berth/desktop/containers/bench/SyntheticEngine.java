package dev.berth.desktop.containers.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.MountPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A big engine's {@code GET /containers/json?all=1} answer, made up but shaped like the real thing: compose projects
 * with their labels, a mix of states, published ports, a network and a mount each. Deterministic (fixed seed).
 */
final class SyntheticEngine {

    private static final String[] IMAGES = {"nginx:1.25", "postgres:16", "redis:7-alpine", "busybox:latest",
        "grafana/grafana:10.2.0", "prom/prometheus:v2.48.0", "traefik:v2.10", "node:20-slim", "python:3.12-slim",
        "ghcr.io/acme/api:2.3.1", "ghcr.io/acme/worker:2.3.1", "rabbitmq:3-management", "mongo:7", "mysql:8.0",
        "elasticsearch:8.11.1", "minio/minio:latest", "registry:2", "alpine:3.19", "httpd:2.4", "memcached:1.6"};
    private static final String[] SERVICES = {"web", "api", "db", "cache", "worker", "queue", "proxy", "metrics"};

    private final List<ContainerSummary> containers;
    private final byte[] json;

    SyntheticEngine(int count, long now) {
        Random random = new Random(42);
        containers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            containers.add(container(random, i, now));
        }
        try {
            json = Json.MAPPER.writeValueAsBytes(containers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ContainerSummary> containers() {
        return containers;
    }

    /** The listing as the engine sends it. */
    byte[] json() {
        return json;
    }

    static List<ContainerSummary> parse(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<ContainerSummary>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same containers listed a minute later: every running container's "Up …" text has changed. */
    List<ContainerSummary> aMinuteLater() {
        List<ContainerSummary> later = new ArrayList<>();
        for (ContainerSummary s : containers) {
            later.add("running".equals(s.state()) ? withStatus(s, s.status() + " (+1 min)") : s);
        }
        return later;
    }

    static ContainerSummary withState(ContainerSummary s, String state, String status) {
        return new ContainerSummary(s.id(), s.names(), s.image(), s.imageId(), s.command(), s.created(), s.ports(),
                s.sizeRw(), s.sizeRootFs(), s.labels(), state, status, s.hostConfig(), s.networkSettings(),
                s.mounts(), s.health());
    }

    private static ContainerSummary withStatus(ContainerSummary s, String status) {
        return withState(s, s.state(), status);
    }

    private static ContainerSummary container(Random random, int i, long now) {
        String id = hex(random, 64);
        // three quarters in compose projects of about a dozen containers, the rest standalone
        boolean compose = i % 4 != 3;
        String project = "proj-" + (i % 60);
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String name = compose ? project + "-" + service + "-" + (i / 60 + 1) : "svc-" + i;
        String image = IMAGES[random.nextInt(IMAGES.length)];
        int roll = random.nextInt(100);
        String state = roll < 60 ? "running" : roll < 85 ? "exited" : roll < 90 ? "paused" : "created";
        long created = now - random.nextInt(30 * 24 * 3600);
        long minutes = (now - created) / 60;
        String status = switch (state) {
            case "running" -> "Up " + minutes + " minutes";
            case "paused" -> "Up " + minutes + " minutes (Paused)";
            case "exited" -> "Exited (" + (random.nextBoolean() ? 0 : 137) + ") " + (minutes / 2) + " minutes ago";
            default -> "Created";
        };
        List<ContainerSummary.Port> ports = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            int priv = 80 + random.nextInt(8000);
            if ("running".equals(state)) {
                int pub = 20000 + i;
                ports.add(new ContainerSummary.Port("0.0.0.0", priv, pub, "tcp"));
                ports.add(new ContainerSummary.Port("::", priv, pub, "tcp"));
            } else {
                ports.add(new ContainerSummary.Port(null, priv, null, "tcp"));
            }
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("org.opencontainers.image.source", "https://github.com/acme/" + service);
        if (compose) {
            labels.put("com.docker.compose.project", project);
            labels.put("com.docker.compose.service", service);
            labels.put("com.docker.compose.container-number", Integer.toString(i / 60 + 1));
            labels.put("com.docker.compose.oneoff", "False");
            labels.put("com.docker.compose.config-hash", hex(random, 64));
            labels.put("com.docker.compose.project.working_dir", "/srv/" + project);
            labels.put("com.docker.compose.project.config_files", "/srv/" + project + "/compose.yaml");
            labels.put("com.docker.compose.version", "2.23.3");
        }
        EndpointSettings network = new EndpointSettings(null, null, "02:42:ac:11:00:" + String.format("%02x", i % 256),
                null, null, null, hex(random, 64), "running".equals(state) ? hex(random, 64) : "",
                "172.18.0.1", "running".equals(state) ? "172.18." + (i / 250) + "." + (i % 250 + 2) : "", 16,
                "", "", 0, null);
        List<MountPoint> mounts = List.of(new MountPoint("volume", hex(random, 64),
                "/var/lib/docker/volumes/" + id.substring(0, 12) + "/_data", "/data", "local", "z", true, ""));
        return new ContainerSummary(id, List.of("/" + name), image, "sha256:" + hex(random, 64),
                "docker-entrypoint.sh " + service, created, ports, null, null, labels, state, status,
                new ContainerSummary.HostConfigSummary(compose ? project + "_default" : "bridge", null),
                new ContainerSummary.NetworkSettingsSummary(Map.of(compose ? project + "_default" : "bridge", network)),
                mounts, null);
    }

    private static String hex(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
