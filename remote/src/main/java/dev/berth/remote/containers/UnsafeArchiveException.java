package dev.berth.remote.containers;

import java.io.IOException;

/** A tar entry would land outside the directory it is extracted into (or write through a symlink to get there). */
public final class UnsafeArchiveException extends IOException {

    private final String entry;

    public UnsafeArchiveException(String entry, String reason) {
        super("refused to extract \"" + entry + "\": " + reason);
        this.entry = entry;
    }

    /** The entry's name as written in the archive. */
    public String entry() {
        return entry;
    }
}
