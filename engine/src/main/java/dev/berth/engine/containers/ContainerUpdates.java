package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.RestartPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker update}: how a request's resources and restart policy merge into a container's settings, by moby's
 * rules (container.UpdateContainer): only what the request sets changes, NanoCPUs and CPU period/quota exclude each
 * other, a memory limit above the swap limit needs the swap limit too, and AutoRemove keeps the restart policy.
 */
final class ContainerUpdates {

    /** Fields that change when the request gives them a non-zero (non-empty) value. */
    private static final List<String> PLAIN = List.of("BlkioWeight", "CpuShares", "NanoCpus", "CpuPeriod", "CpuQuota",
            "CpusetCpus", "CpusetMems", "MemorySwap", "MemoryReservation", "CpuRealtimePeriod", "CpuRealtimeRuntime");

    private ContainerUpdates() {
    }

    /** The container's settings after the update; 409 with "Cannot update container <id>: …" on a conflict. */
    static HostConfig merge(String id, HostConfig current, HostConfig request) {
        @SuppressWarnings("unchecked")
        Map<String, Object> cur = new LinkedHashMap<>(Json.MAPPER.convertValue(current, Map.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> req = Json.MAPPER.convertValue(request, Map.class);
        if (set(req, "NanoCpus") && set(cur, "CpuPeriod")) {
            throw conflict(id, "Conflicting options: NanoCPUs cannot be updated as CPU Period has already been set");
        }
        if (set(req, "NanoCpus") && set(cur, "CpuQuota")) {
            throw conflict(id, "Conflicting options: NanoCPUs cannot be updated as CPU Quota has already been set");
        }
        if (set(req, "CpuPeriod") && set(cur, "NanoCpus")) {
            throw conflict(id, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (set(req, "CpuQuota") && set(cur, "NanoCpus")) {
            throw conflict(id, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        for (String key : PLAIN) {
            if (set(req, key)) {
                cur.put(key, req.get(key));
            }
        }
        if (set(req, "Memory")) {
            if (number(req, "Memory") > number(cur, "MemorySwap") && !set(req, "MemorySwap")) {
                throw conflict(id, "Memory limit should be smaller than already set memoryswap limit, update the "
                        + "memoryswap at the same time");
            }
            cur.put("Memory", req.get("Memory"));
        }
        if (req.get("PidsLimit") != null) {
            cur.put("PidsLimit", req.get("PidsLimit"));
        }
        RestartPolicy policy = request.restartPolicy();
        if (policy != null && policy.name() != null && !policy.name().isEmpty()) {
            boolean autoRemove = Boolean.TRUE.equals(current.autoRemove());
            if (autoRemove && !"no".equals(policy.name())) {
                throw conflict(id, "Restart policy cannot be updated because AutoRemove is enabled for the "
                        + "container");
            }
            RestartManager.validate(policy, autoRemove);
            cur.put("RestartPolicy", Map.of("Name", policy.name(), "MaximumRetryCount",
                    policy.maximumRetryCount() == null ? 0 : policy.maximumRetryCount()));
        }
        return Json.MAPPER.convertValue(cur, HostConfig.class);
    }

    private static boolean set(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        return v instanceof String s && !s.isEmpty();
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static EngineException conflict(String id, String message) {
        return EngineException.conflict("Cannot update container " + id + ": " + message);
    }
}
