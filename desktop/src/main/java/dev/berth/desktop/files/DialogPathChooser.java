package dev.berth.desktop.files;

import dev.berth.desktop.i18n.Texts;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link LocalPathChooser} with JavaFX's native dialogs; remembers the last folder used in this session. */
final class DialogPathChooser implements LocalPathChooser {

    private static final Texts T = Texts.of(DialogPathChooser.class);

    private File lastFolder;

    @Override
    public List<Path> filesToUpload(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(T.get("files.chooser.uploadFiles"));
        chooser.setInitialDirectory(lastFolder);
        List<File> files = chooser.showOpenMultipleDialog(owner);
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        lastFolder = files.get(0).getParentFile();
        return files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> folderToUpload(Window owner) {
        return folder(T.get("files.chooser.uploadFolder"), owner, true);
    }

    @Override
    public Optional<Path> downloadFolder(Window owner) {
        return folder(T.get("files.chooser.download"), owner, false);
    }

    /** @param startBeside open next time beside the chosen folder (uploads) rather than in it (downloads) */
    private Optional<Path> folder(String title, Window owner, boolean startBeside) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(lastFolder);
        File folder = chooser.showDialog(owner);
        if (folder == null) {
            return Optional.empty();
        }
        lastFolder = startBeside && folder.getParentFile() != null ? folder.getParentFile() : folder;
        return Optional.of(folder.toPath());
    }
}
