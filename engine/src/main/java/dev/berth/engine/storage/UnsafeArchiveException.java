package dev.berth.engine.storage;

import java.io.IOException;

/**
 * An archive entry that would land outside its destination (a {@code ../} name, an absolute name, a symlink or
 * hardlink leading out) or that cannot be applied as asked. Messages follow moby's pkg/archive wording.
 */
public final class UnsafeArchiveException extends IOException {

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
