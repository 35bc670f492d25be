package dev.berth.desktop.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Asks the user for local files and folders; tests supply their own paths instead of native dialogs. */
public interface LocalPathChooser {

    /** Files to upload; empty when cancelled. */
    List<Path> filesToUpload(Window owner);

    Optional<Path> folderToUpload(Window owner);

    /** Where downloads go. */
    Optional<Path> downloadFolder(Window owner);

    /** The platform's file and folder dialogs. */
    static LocalPathChooser dialogs() {
        return new DialogPathChooser();
    }
}
