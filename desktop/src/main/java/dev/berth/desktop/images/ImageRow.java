package dev.berth.desktop.images;

import dev.berth.desktop.resources.Formats;
import dev.berth.remote.images.ImageSummary;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of the Images table: an image under one of its names, as {@code docker images} shows it (an image with
 * three tags is three lines; an untagged one shows {@code <none>}).
 */
public final class ImageRow {

    public static final String NONE = "<none>";

    /** One name of an image, and the containers that use the image. */
    public record Data(ImageSummary image, String repository, String tag, List<String> usedBy) {

        String key() {
            return image.id() + "|" + repository + ":" + tag;
        }
    }

    private final String key;
    private final String imageId;
    private final ReadOnlyStringWrapper repository = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper tag = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper shortId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Long> size = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> created = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper usedBy = new ReadOnlyStringWrapper();

    public ImageRow(Data data) {
        this.key = data.key();
        this.imageId = data.image().id();
        repository.set(data.repository());
        tag.set(data.tag());
        shortId.set(Formats.shortId(imageId));
        update(data);
    }

    public void update(Data data) {
        size.set(data.image().size());
        created.set(data.image().created());
        usedBy.set(String.join(", ", data.usedBy()));
    }

    /** Every name of every image, one {@link Data} each. */
    public static List<Data> expand(ImageSummary image, List<String> usedBy) {
        List<Data> names = new ArrayList<>();
        if (!image.isDangling()) {
            for (String repoTag : image.repoTags()) {
                if (repoTag.equals("<none>:<none>")) {
                    continue;
                }
                ImageNames.Split split = ImageNames.split(repoTag);
                names.add(new Data(image, split.repository(), split.tag(), usedBy));
            }
        } else if (image.repoDigests() != null && !image.repoDigests().isEmpty()) {
            // pulled by digest: known by repository, without a tag
            for (String digest : image.repoDigests()) {
                int at = digest.indexOf('@');
                names.add(new Data(image, at > 0 ? digest.substring(0, at) : NONE, NONE, usedBy));
            }
        }
        if (names.isEmpty()) {
            names.add(new Data(image, NONE, NONE, usedBy));
        }
        return names;
    }

    public String key() {
        return key;
    }

    /** The full image ID ("sha256:…"). */
    public String imageId() {
        return imageId;
    }

    public boolean isTagged() {
        return !NONE.equals(tag.get());
    }

    /** What to name this line in an API call: {@code repo:tag}, or the image ID for an untagged line. */
    public String reference() {
        return isTagged() ? repository.get() + ":" + tag.get() : imageId;
    }

    /** What to show a user for this line: {@code repo:tag} or the short ID. */
    public String displayName() {
        return isTagged() ? reference() : shortId.get();
    }

    public boolean inUse() {
        return !usedBy.get().isEmpty();
    }

    public ReadOnlyStringProperty repositoryProperty() {
        return repository.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tagProperty() {
        return tag.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shortIdProperty() {
        return shortId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Seconds since the epoch. */
    public ReadOnlyObjectProperty<Long> createdProperty() {
        return created.getReadOnlyProperty();
    }

    /** Names of the containers using the image, running or not; empty when unused. */
    public ReadOnlyStringProperty usedByProperty() {
        return usedBy.getReadOnlyProperty();
    }

    String searchText() {
        // "repo:tag" too, so that a name typed as it is written matches
        return String.join(" ", displayName(), repository.get(), tag.get(), shortId.get(), usedBy.get());
    }
}
