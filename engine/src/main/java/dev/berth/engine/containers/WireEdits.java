package dev.berth.engine.containers;

import dev.berth.remote.client.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A copy of a wire record (ContainerConfig, HostConfig) with some fields changed by their Docker names: the records
 * are immutable and have dozens of components, so the copy goes through their JSON form.
 */
final class WireEdits {

    private WireEdits() {
    }

    @SuppressWarnings("unchecked")
    static <T> T with(T value, Class<T> type, Consumer<Map<String, Object>> change) {
        Map<String, Object> fields = new LinkedHashMap<>(Json.MAPPER.convertValue(value, Map.class));
        change.accept(fields);
        return Json.MAPPER.convertValue(fields, type);
    }
}
