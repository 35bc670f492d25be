package dev.berth.desktop.volumes;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.client.Filters;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.Mount;
import dev.berth.remote.images.ImageSummary;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Engine API cannot list a volume's files, so a browser does what Docker Desktop does: it creates (never starts)
 * a helper container from an image already on the engine, with the volume mounted read-only at {@link #MOUNT}, and
 * reads it through the container archive endpoints, which mount a stopped container's volumes. The helper carries
 * the label {@link #LABEL} (the volume's name), so one left behind by a crash is recognised and removed. Blocking
 * calls; run them in the background.
 */
final class VolumeBrowsing {

    /** Marks helper containers; the value is the volume's name. */
    static final String LABEL = "dev.berth.volume-browser";
    /** Where the volume appears inside the helper container. */
    static final String MOUNT = "/volume";

    private static final Texts T = Texts.of(VolumeBrowsing.class);

    private VolumeBrowsing() {
    }

    /** The helper for one volume: its container's ID and the image it was made from. */
    record Helper(String containerId, String image) {
    }

    /** Whether a listed container is a browser's helper (not a user's container). */
    static boolean isHelper(ContainerSummary c) {
        return c.labels() != null && c.labels().containsKey(LABEL);
    }

    /**
     * Creates the helper container for {@code volume}.
     *
     * @param preferred images of containers that use the volume, tried first
     * @param keep      helpers of this app's browsers still open, never removed as leftovers
     */
    static Helper open(EngineClient client, String volume, List<String> preferred, Set<String> keep) {
        removeLeftovers(client, keep);
        String image = image(client, preferred);
        ContainerCreateRequest request = ContainerCreateRequest.builder(image)
                // never started: the entrypoint only keeps images without a command creatable
                .entrypoint("true")
                .networkMode("none")
                .label(LABEL, volume)
                .mount(Mount.volume(volume, MOUNT).asReadOnly())
                .build();
        // named after the volume, so that "in use by" says who holds it while the browser is open
        String name = "berth-volume-browser-" + volume + "-" + UUID.randomUUID().toString().substring(0, 6);
        String id = client.containers().create(name, request).id();
        return new Helper(id, image);
    }

    /** Removes a helper; one already gone is fine. */
    static void close(EngineClient client, String containerId) {
        try {
            client.containers().remove(containerId, true, false);
        } catch (EngineApiException.NotFound alreadyGone) {
            // removed by someone else, or never fully created
        }
    }

    /** Helpers left by a browser that did not close (the app crashed or was killed). */
    private static void removeLeftovers(EngineClient client, Set<String> keep) {
        List<ContainerSummary> helpers = client.containers().list(ListContainersParams.includingStopped()
                .withFilters(Filters.of("label", LABEL)));
        for (ContainerSummary c : helpers) {
            if (!keep.contains(c.id()) && !"running".equals(c.state())) {
                try {
                    close(client, c.id());
                } catch (EngineException e) {
                    // a leftover that will not go is no reason not to browse
                }
            }
        }
    }

    /** An image on the engine to make the helper from: one the volume's users run, else any local image. */
    private static String image(EngineClient client, List<String> preferred) {
        List<ImageSummary> images = client.images().list();
        for (String p : preferred) {
            if (exists(client, p)) {
                return p;
            }
        }
        for (ImageSummary i : images) {
            if (i.repoTags() != null) {
                for (String tag : i.repoTags()) {
                    if (!tag.equals("<none>:<none>")) {
                        return tag;
                    }
                }
            }
        }
        if (!images.isEmpty()) {
            return images.get(0).id();
        }
        throw new NoImage(T.get("browse.noImage"));
    }

    private static boolean exists(EngineClient client, String image) {
        try {
            client.images().inspect(image);
            return true;
        } catch (EngineApiException.NotFound e) {
            return false;
        }
    }

    /** The engine has no image at all to make a helper container from. */
    static final class NoImage extends EngineException {
        NoImage(String message) {
            super(message);
        }
    }
}
