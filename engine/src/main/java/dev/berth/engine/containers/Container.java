package dev.berth.engine.containers;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.Health;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.MountPoint;
import java.time.Instant;
import dev.berth.engine.networks.Attachment;
import dev.berth.engine.networks.EndpointRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One container: its configuration and its state, persisted as one JSON document on every change. The state
 * follows moby's container.State: {@code running} stays true while paused and while a restart policy is backing
 * off, {@code status()} derives Docker's status word from the flags.
 *
 * <p>Fields are guarded by {@link #lock}; waiting for a state change uses {@link #changed}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
final class Container {

    String id;
    /** With its leading slash, as Docker keeps names. */
    String name;
    String created;
    /** {@link #created} parsed once ({@code created} never changes): a list sorts by it, and parsing was most of it. */
    @JsonIgnore
    private transient Instant createdInstant;
    /** "sha256:…" of the image it was created from. */
    String imageId;
    ContainerConfig config;
    HostConfig hostConfig;
    String path;
    List<String> args = new ArrayList<>();
    List<MountPoint> mounts = new ArrayList<>();
    /** Volumes created for this container alone (image VOLUMEs, -v /path): removed with {@code rm -v}. */
    List<String> anonymousVolumes = new ArrayList<>();

    /** Network name → what the container asked of it (aliases, a fixed address); empty on host and none. */
    Map<String, EndpointRequest> networks = new LinkedHashMap<>();
    /** Network name → the live endpoint while it runs; replaced, never changed in place (read without the lock). */
    volatile Map<String, Attachment> attachments = new LinkedHashMap<>();
    /** HEALTHCHECK state since the first start with a check; null without one. */
    Health health;

    boolean running;
    boolean paused;
    boolean restarting;
    boolean dead;
    boolean removing;
    boolean oomKilled;
    int pid;
    int conmonPid;
    int exitCode;
    String error = "";
    String startedAt = Timestamps.ZERO;
    String finishedAt = Timestamps.ZERO;
    int restartCount;
    boolean hasBeenStartedBefore;
    boolean hasBeenManuallyStopped;

    @JsonIgnore
    final ReentrantLock lock = new ReentrantLock();
    @JsonIgnore
    final Condition changed = lock.newCondition();
    /** Bumped on every exit, so waiters can tell "the next exit" from the last one. */
    @JsonIgnore
    long exits;
    @JsonIgnore
    boolean removed;
    @JsonIgnore
    RestartManager restartManager;

    /** Docker's State.Status word. */
    String status() {
        if (running) {
            if (paused) {
                return "paused";
            }
            return restarting ? "restarting" : "running";
        }
        if (removing) {
            return "removing";
        }
        if (dead) {
            return "dead";
        }
        if (Timestamps.ZERO.equals(startedAt)) {
            return "created";
        }
        return "exited";
    }

    /** Running in the sense of "has a live process", not paused, not backing off. */
    boolean isActive() {
        return running && !restarting;
    }

    String plainName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    String shortId() {
        return id.substring(0, 12);
    }

    Instant createdInstant() {
        Instant i = createdInstant;
        if (i == null) {
            Instant parsed = Timestamps.parse(created);
            i = parsed == null ? Instant.EPOCH : parsed;
            createdInstant = i;
        }
        return i;
    }

    RestartManager restartManager() {
        if (restartManager == null) {
            restartManager = new RestartManager(hostConfig.restartPolicy());
        }
        return restartManager;
    }

    /** Waits (releasing the lock) until {@code done} holds or the timeout passes; the lock must be held. */
    boolean await(java.util.function.BooleanSupplier done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (timeoutMillis >= 0 && left <= 0) {
                return false;
            }
            changed.await(timeoutMillis < 0 ? 1_000_000_000L : left, TimeUnit.NANOSECONDS);
        }
        return true;
    }
}
