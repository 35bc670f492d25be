package dev.berth.desktop.images;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.EngineChanges;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ListPageModel;
import dev.berth.desktop.resources.Outcome;
import dev.berth.desktop.resources.RowMerge;
import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.auth.CredentialStore;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.images.DeleteItem;
import dev.berth.remote.images.HistoryItem;
import dev.berth.remote.images.ImagePruneReport;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.images.ImportRequest;
import dev.berth.remote.images.ImportResult;
import dev.berth.remote.images.LoadResult;
import dev.berth.remote.images.ProgressAggregator;
import dev.berth.remote.images.PullRequest;
import dev.berth.remote.system.EventMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's images, one row per name, with the containers that use each; and every image command. The list
 * reloads once per batch of image events (and on container create/destroy, which changes "in use").
 */
public final class ImagesViewModel extends ListPageModel<ImageRow.Data, ImageRow> {

    private static final Texts T = Texts.of(ImagesViewModel.class);

    private static final Set<String> IMAGE_ACTIONS = Set.of("pull", "tag", "untag", "delete", "import", "load");
    private static final Set<String> CONTAINER_ACTIONS = Set.of("create", "destroy", "rename");

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final CredentialStore credentials;

    public ImagesViewModel(BackgroundExecutor background, Notifier notifier, CredentialStore credentials) {
        super(background, notifier, "images", (rows, data) -> RowMerge.merge(rows, data, ImageRow.Data::key,
                ImageRow::key, ImageRow::new, ImageRow::update));
        this.background = background;
        this.notifier = notifier;
        this.credentials = credentials;
    }

    @Override
    protected boolean changes(List<EventMessage> batch) {
        return EngineChanges.anyAction(batch, "image", IMAGE_ACTIONS)
                || EngineChanges.anyAction(batch, "container", CONTAINER_ACTIONS);
    }

    @Override
    protected List<ImageRow.Data> fetch(EngineClient client) {
        List<ImageSummary> images = client.images().list();
        Map<String, List<String>> users = new HashMap<>();
        for (ContainerSummary c : client.containers().list(ListContainersParams.includingStopped())) {
            if (c.imageId() != null) {
                users.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(c.name());
            }
        }
        List<ImageRow.Data> data = new ArrayList<>();
        for (ImageSummary image : images) {
            List<String> names = new ArrayList<>(users.getOrDefault(image.id(), List.of()));
            names.sort(null);
            data.addAll(ImageRow.expand(image, names));
        }
        return data;
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    /** Pulls {@code reference}; the returned progress fills in as the engine reports. */
    public TransferProgress pull(String reference, RegistryCredentials how) {
        String ref = reference.trim();
        return transfer(T.get("images.pull.task", ref), ref, how, (client, auth, progress) -> {
            PullRequest request = PullRequest.of(ref).withAuth(auth);
            String status = client.images().pull(request, progress).status();
            return status == null ? T.get("images.pull.done", request.reference()) : status;
        }, T.get("images.pull.done", ref));
    }

    /** Pushes {@code reference} (already tagged for its registry). */
    public TransferProgress push(String reference, RegistryCredentials how) {
        String ref = reference.trim();
        return transfer(T.get("images.push.task", ref), ref, how, (client, auth, progress) -> {
            var result = client.images().push(ref, null, auth, progress);
            return result.digest() == null ? T.get("images.push.done", ref)
                    : T.get("images.push.doneDigest", ref, result.digest());
        }, T.get("images.push.done", ref));
    }

    /**
     * Runs a pull or push with its progress folded by a {@link ProgressAggregator} and handed to the FX thread by a
     * {@link Batcher}: a pull of many layers sends thousands of messages, the dialog redraws a few times a second.
     */
    private TransferProgress transfer(String description, String ref, RegistryCredentials how,
                                      TransferWork work, String doneNotice) {
        TransferProgress progress = new TransferProgress(ref);
        ProgressAggregator aggregator = new ProgressAggregator();
        Batcher<ProgressAggregator.Snapshot> batcher = new Batcher<>(Duration.ofMillis(100),
                batch -> progress.apply(batch.get(batch.size() - 1)));
        aggregator.addListener(batcher::add);
        batcher.start();
        EngineClient client = client();
        background.submit(description, () -> {
            AuthConfig auth = how.resolve(credentials, ref);
            String status = work.run(client, auth, aggregator);
            aggregator.complete();
            return status;
        }).onSuccess(status -> {
            batcher.stop();
            progress.succeeded(status);
            notifier.info(doneNotice);
        }).onFailure(e -> {
            batcher.stop();
            String message = Notifier.userMessage(e);
            progress.failed(message);
            if (!progress.watchedProperty().get()) {
                notifier.error(description, e);
            }
        });
        return progress;
    }

    /** The blocking part of a pull or push; returns the status line to show when it is done. */
    private interface TransferWork {
        String run(EngineClient client, AuthConfig auth, ProgressAggregator progress);
    }

    /** Makes {@code target} ({@code repo[:tag]}) another name of the row's image. */
    public Outcome<ImageNames.Split> tag(ImageRow source, String target) {
        ImageNames.Split split = ImageNames.split(target);
        EngineClient client = client();
        return Outcome.of(background.submit(T.get("images.tag.task", source.displayName(), split), () -> {
            client.images().tag(source.imageId(), split.repository(), split.tag());
            return split;
        })).onSuccess(s -> notifier.info(T.get("images.tag.done", source.displayName(), s)));
    }

    /** Removes the row's name (and the image with its last name); {@code force} also when containers use it. */
    public Outcome<List<DeleteItem>> remove(ImageRow row, boolean force) {
        EngineClient client = client();
        return Outcome.of(background.submit(T.get("images.remove.task", row.displayName()),
                        () -> client.images().remove(row.reference(), force, false)))
                .onSuccess(items -> notifier.info(removedNotice(row.displayName(), items)));
    }

    /** Removes unused images: dangling ones only, or every image no container uses. */
    public Outcome<ImagePruneReport> prune(boolean allUnused) {
        EngineClient client = client();
        // the report lists deleted layers alongside deleted images: count only what the table showed as images
        Set<String> listed = new java.util.HashSet<>();
        rows().forEach(r -> listed.add(r.imageId()));
        return Outcome.of(background.submit(allUnused ? T.get("images.prune.task.all") : T.get("images.prune.task.dangling"),
                        () -> client.images().prune(Filters.of("dangling", allUnused ? "false" : "true"))))
                .onSuccess(r -> {
                    int n = r.imagesDeleted() == null ? 0 : (int) r.imagesDeleted().stream()
                            .filter(d -> d.deleted() != null && listed.contains(d.deleted())).count();
                    notifier.info(T.get("images.prune.done", n,
                            Formats.size(r.spaceReclaimed() == null ? 0 : r.spaceReclaimed())));
                });
    }

    /** The layers of the row's image, newest first. */
    public Outcome<List<HistoryItem>> history(ImageRow row) {
        EngineClient client = client();
        return Outcome.of(background.submit(T.get("images.history.title", row.displayName()), () -> client.images().history(row.imageId())));
    }

    /** Loads a {@code docker save} tarball. */
    public Outcome<LoadResult> load(Path file) {
        EngineClient client = client();
        return Outcome.of(background.submit(T.get("images.load.task", file.getFileName()), () -> {
            try (InputStream in = Files.newInputStream(file)) {
                return client.images().load(in, true, null);
            }
        })).onSuccess(r -> notifier.info(T.get("images.load.done", r.loaded().isEmpty() ? file.getFileName()
                : String.join(", ", r.loaded()))))
                .onFailure(e -> notifier.error(T.get("images.load.task", file.getFileName()), e));
    }

    /**
     * Saves the row's image under its name ({@code docker save}). Written next to the target first and moved into
     * place at the end, so a failed save never leaves a truncated file under the chosen name.
     */
    public Outcome<Path> save(ImageRow row, Path file) {
        EngineClient client = client();
        return Outcome.of(background.submit(T.get("images.save.task", row.displayName()), () -> {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            try (InputStream in = client.images().save(row.reference());
                 OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            } catch (Exception e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        })).onSuccess(p -> notifier.info(T.get("images.save.done", row.displayName(), p)))
                .onFailure(e -> notifier.error(T.get("images.save.task", row.displayName()), e));
    }

    /**
     * Creates an image from a root filesystem tarball ({@code docker import}).
     *
     * @param reference {@code repo[:tag]}, or blank for an untagged image
     * @param command   the image's CMD, as after {@code CMD} in a Dockerfile ({@code sh} or {@code ["sh"]}); blank for none
     */
    public Outcome<ImportResult> importTar(Path file, String reference, String command) {
        EngineClient client = client();
        String ref = reference == null || reference.isBlank() ? null : reference.trim();
        List<String> changes = command == null || command.isBlank() ? List.of() : List.of("CMD " + command.trim());
        return Outcome.of(background.submit(T.get("images.import.task", file.getFileName()), () -> {
            try (InputStream in = Files.newInputStream(file)) {
                ImportRequest request = ImportRequest.fromTar(in).withChanges(changes);
                if (ref != null) {
                    ImageNames.Split split = ImageNames.split(ref);
                    request = request.withRepository(split.repository(), split.tag());
                }
                return client.images().importImage(request, null);
            }
        })).onSuccess(r -> notifier.info(T.get("images.import.done", ref == null ? Formats.shortId(r.imageId()) : ref)));
    }

    private EngineClient client() {
        EngineSession session = session();
        if (session == null) {
            throw new IllegalStateException("no engine is shown");
        }
        return session.client();
    }

    private static String removedNotice(String name, List<DeleteItem> items) {
        long deleted = items == null ? 0 : items.stream().filter(d -> d.deleted() != null).count();
        return deleted == 0 ? T.get("images.remove.done", name) : T.get("images.remove.doneLayers", name, deleted);
    }
}
