package dev.berth.remote.containers;

import java.util.List;

/** The new container's ID and the engine's warnings (e.g. "memory limit ignored: no swap support"). */
public record CreateResponse(String id, List<String> warnings) {
}
