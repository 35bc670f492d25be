package dev.berth.desktop.files;

import dev.berth.desktop.i18n.Texts;

/** A row of the files table: an entry and its absolute path in the container. */
public final class FileRow {

    private static final Texts T = Texts.of(FileRow.class);

    private final String path;
    private final FileEntry entry;

    FileRow(String path, FileEntry entry) {
        this.path = path;
        this.entry = entry;
    }

    public String path() {
        return path;
    }

    public FileEntry entry() {
        return entry;
    }

    public String name() {
        return entry.name();
    }

    /** "Folder", "File", "Link → target" or "Special". */
    public String typeText() {
        return switch (entry.kind()) {
            case DIRECTORY -> T.get("files.type.folder");
            case FILE -> T.get("files.type.file");
            case SYMLINK -> T.get("files.type.link", entry.linkTarget());
            case OTHER -> T.get("files.type.special");
        };
    }

    /** Size for files, "" where a size means nothing (folders, links). */
    public String sizeText() {
        return entry.size() < 0 ? "" : Sizes.human(entry.size());
    }

    @Override
    public String toString() {
        return path;
    }
}
