package dev.berth.desktop.files;

import dev.berth.desktop.containers.ContainerDetailModel;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ArchiveDownload;
import dev.berth.remote.containers.PathStat;
import dev.berth.remote.containers.TarArchives;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Browsing a container's file system through the archive API (so it works on remote engines and stopped
 * containers), with download and upload of files and folders. FX thread only; engine calls run in the background.
 */
public final class FilesViewModel implements ContainerDetailModel {

    private static final Texts T = Texts.of(FilesViewModel.class);

    private static final Comparator<FileRow> ORDER = Comparator.comparing((FileRow r) -> !r.entry().isDirectory())
            .thenComparing(r -> r.entry().name());

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ObservableList<FileRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper path = new ReadOnlyStringWrapper("/");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    private EngineClient client;
    private String containerId;
    private DirectoryListing listing;
    /** Bumped on every navigation and on close, so late results of an abandoned listing are dropped. */
    private int generation;
    private boolean closed;

    public FilesViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
    }

    public void open(EngineSession session, String container) {
        this.client = session.client();
        this.containerId = container;
        navigate("/");
    }

    /** Lists {@code directory} (absolute; "..", "." and extra slashes allowed). */
    public void navigate(String directory) {
        if (closed || client == null) {
            return;
        }
        String dir = ContainerPaths.normalize(directory);
        cancelListing();
        int gen = ++generation;
        rows.clear();
        path.set(dir);
        loading.set(true);
        status.set(T.get("files.status.listing", dir));
        DirectoryListing current = new DirectoryListing(client, containerId, dir);
        listing = current;
        Batcher<FileEntry> batcher = new Batcher<>(Duration.ofMillis(100), batch -> {
            if (gen != generation) {
                return;
            }
            List<FileRow> added = new ArrayList<>(batch.size());
            for (FileEntry e : batch) {
                added.add(new FileRow(ContainerPaths.child(dir, e.name()), e));
            }
            rows.addAll(added);
            FXCollections.sort(rows, ORDER);
            if (loading.get() && current.bytesRead() > 0) {
                status.set(T.get("files.status.progress", dir, rows.size(), Sizes.human(current.bytesRead())));
            }
        });
        batcher.start();
        background.submit(T.get("files.task.list", dir), () -> current.run(batcher::add))
                .onSuccess(source -> {
                    if (gen == generation) {
                        status.set("");
                    }
                })
                .onFailure(e -> {
                    if (gen == generation && !(e instanceof CancellationException)) {
                        status.set(listingError(dir, e));
                    }
                })
                .andFinally(() -> {
                    if (gen == generation) {
                        loading.set(false); // first, so the last batch does not report progress any more
                        listing = null;
                    }
                    batcher.stop();
                });
    }

    private static String listingError(String dir, Throwable e) {
        if (e instanceof EngineApiException.NotFound) {
            return T.get("files.error.notFound", dir);
        }
        String message = Notifier.userMessage(e);
        if (message.contains("not a directory")) {
            // the engine's wording names its own storage paths; say it in the container's terms
            return T.get("files.error.notDirectory", dir);
        }
        return T.get("files.error.list", dir, message);
    }

    public void refresh() {
        navigate(path.get());
    }

    public void up() {
        navigate(ContainerPaths.parent(path.get()));
    }

    /** Opens a directory row; a symlink is followed to where it points, in the container's own terms. */
    public void enter(FileRow row) {
        FileEntry e = row.entry();
        if (e.isDirectory()) {
            navigate(row.path());
        } else if (e.kind() == FileEntry.Kind.SYMLINK) {
            EngineClient c = client;
            String id = containerId;
            int gen = generation;
            background.submit(T.get("files.task.follow", row.path()), () -> {
                PathStat link = c.containers().statPath(id, row.path());
                String target = link.linkTarget() == null || link.linkTarget().isEmpty() ? row.path() : link.linkTarget();
                return c.containers().statPath(id, target).directory() ? target : null;
            }).onSuccess(target -> {
                if (gen != generation) {
                    return;
                }
                if (target != null) {
                    navigate(target);
                } else {
                    status.set(T.get("files.status.linkToFile", row.name(), e.linkTarget()));
                }
            }).onFailure(err -> {
                if (gen == generation) {
                    status.set(T.get("files.error.follow", row.name(), Notifier.userMessage(err)));
                }
            });
        }
    }

    /** Copies the rows (files or whole folders) into {@code localDirectory}, each under its own name. */
    public void download(List<FileRow> selection, Path localDirectory) {
        if (selection.isEmpty() || client == null) {
            return;
        }
        List<String> paths = selection.stream().map(FileRow::path).toList();
        EngineClient c = client;
        String id = containerId;
        String what = paths.size() == 1 ? paths.get(0) : T.get("files.items", paths.size());
        background.submit(T.get("files.task.download", what), () -> {
            List<String> skipped = new ArrayList<>();
            for (String p : paths) {
                try (ArchiveDownload d = c.containers().getArchive(id, p)) {
                    skipped.addAll(TarArchives.extract(d.tar(), localDirectory, TarArchives.OutsideLinks.SKIP).skipped());
                }
            }
            return skipped;
        }).onSuccess(skipped -> notifier.info(skipped.isEmpty() ? T.get("files.download.done", what, localDirectory)
                : T.get("files.download.doneSkipped", what, localDirectory, skipped.size(),
                String.join(", ", first(skipped, 3)))))
                .onFailure(e -> notifier.error(T.get("files.task.download", what), e));
    }

    /** Copies local files or folders into the directory shown, then lists it again. */
    public void upload(List<Path> locals) {
        if (locals.isEmpty() || client == null) {
            return;
        }
        EngineClient c = client;
        String id = containerId;
        String dir = path.get();
        String what = locals.size() == 1 ? String.valueOf(locals.get(0).getFileName())
                : T.get("files.items", locals.size());
        background.submit(T.get("files.task.upload", what, dir), () -> {
            for (Path local : locals) {
                // noOverwriteDirNonDir as docker cp: never replace a directory by a file or the other way round
                c.containers().putArchive(id, dir, TarArchives.requestBody(local), true, false);
            }
            return null;
        }).onSuccess(ignored -> {
            notifier.info(T.get("files.upload.done", what, dir));
            if (!closed && dir.equals(path.get())) {
                refresh();
            }
        }).onFailure(e -> notifier.error(T.get("files.task.upload", what, dir), e));
    }

    private static List<String> first(List<String> items, int n) {
        return items.size() <= n ? items : items.subList(0, n);
    }

    private void cancelListing() {
        DirectoryListing l = listing;
        listing = null;
        if (l != null) {
            // closing the download may block briefly on the socket: not on the FX thread
            background.execute(l::cancel);
        }
    }

    /** Stops any listing in progress; transfers already started finish on their own. */
    public void close() {
        closed = true;
        generation++;
        cancelListing();
    }

    /** The entries of the directory shown: folders first, then by name. */
    public ObservableList<FileRow> rows() {
        return rows;
    }

    /** The directory shown, absolute and normalised. */
    public ReadOnlyStringProperty pathProperty() {
        return path.getReadOnlyProperty();
    }

    /** Progress or the reason a listing failed; "" when there is nothing to say. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
