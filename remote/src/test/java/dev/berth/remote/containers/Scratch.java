package dev.berth.remote.containers;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one test creates in the shared dockerd: uniquely named and labelled containers, volumes and images, all
 * removed by {@link #close()} whatever the test's outcome.
 */
public final class Scratch implements AutoCloseable {

    public static final String LABEL = "berth.it.scratch";

    private final EngineClient client;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    public Scratch(EngineClient client) {
        this.client = client;
    }

    /** This test's unique tag, also the value of the {@link #LABEL} label on its containers. */
    public String tag() {
        return tag;
    }

    /** A unique name such as "berth-it-logs-1a2b3c4d-2". */
    public String name(String what) {
        return "berth-it-" + what + "-" + tag + "-" + (containers.size() + volumes.size() + images.size());
    }

    /** A busybox container builder already labelled for cleanup. */
    public ContainerCreateRequest.Builder busybox(String... cmd) {
        ContainerCreateRequest.Builder b = ContainerCreateRequest.builder(Dockerd.BUSYBOX).label(LABEL, tag);
        return cmd.length == 0 ? b : b.cmd(cmd);
    }

    public String create(ContainerCreateRequest.Builder builder) {
        return create(name("c"), builder);
    }

    public String create(String name, ContainerCreateRequest.Builder builder) {
        String id = client.containers().create(name, builder.build()).id();
        containers.add(id);
        return id;
    }

    /** Creates and starts. */
    public String run(ContainerCreateRequest.Builder builder) {
        String id = create(builder);
        client.containers().start(id);
        return id;
    }

    /** A long-running busybox container, for exec, stats and the like. */
    public String sleeper() {
        return run(busybox("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"));
    }

    public void track(String containerId) {
        containers.add(containerId);
    }

    public String volume(String name) {
        volumes.add(name);
        return name;
    }

    public String image(String reference) {
        images.add(reference);
        return reference;
    }

    @Override
    public void close() {
        for (String id : containers) {
            try {
                client.containers().remove(id, true, true);
            } catch (EngineApiException.NotFound e) {
                // the test removed it itself
            } catch (RuntimeException e) {
                ProcessResult r = Dockerd.shared().docker("rm", "-f", "-v", id);
                if (r.exitCode() != 0 && !r.stderr().contains("No such container")) {
                    System.err.println("could not remove container " + id + ": " + r.stderr());
                }
            }
        }
        for (String image : images) {
            Dockerd.shared().docker("rmi", "-f", image);
        }
        for (String volume : volumes) {
            Dockerd.shared().docker("volume", "rm", "-f", volume);
        }
    }
}
