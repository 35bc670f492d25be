package dev.berth.engine.images;

import java.util.List;

/** Who uses an image: the containers made from it. Decides rmi conflicts and what prune may delete. */
public interface ImageUsers {

    List<ImageUse> usersOf(String imageId);

    /** One container created from an image. */
    record ImageUse(String containerId, String containerName, boolean running) {
    }

    /** For an engine with no containers yet (tests, early startup). */
    ImageUsers NONE = imageId -> List.of();
}
