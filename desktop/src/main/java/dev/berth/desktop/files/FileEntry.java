package dev.berth.desktop.files;

import java.time.Instant;

/**
 * One entry of a directory inside a container.
 *
 * @param size        bytes; -1 when unknown (directories in an archive, hard links)
 * @param permissions the mode's low 12 bits (rwx for user, group, other plus setuid, setgid, sticky)
 * @param modified    null when unknown
 * @param linkTarget  what a symlink points to, else ""
 */
public record FileEntry(String name, Kind kind, long size, int permissions, Instant modified, String linkTarget) {

    /** What sort of entry it is; OTHER covers devices, pipes and sockets. */
    public enum Kind { DIRECTORY, FILE, SYMLINK, OTHER }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }

    /** The mode as {@code ls -l} prints it, e.g. "drwxr-xr-x". */
    public String modeText() {
        char type = switch (kind) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FILE -> '-';
            case OTHER -> '?';
        };
        StringBuilder s = new StringBuilder().append(type);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = permissions >> shift;
            s.append((bits & 4) != 0 ? 'r' : '-');
            s.append((bits & 2) != 0 ? 'w' : '-');
            boolean exec = (bits & 1) != 0;
            int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
            if ((permissions & special) != 0) {
                char mark = shift == 0 ? 't' : 's';
                s.append(exec ? mark : Character.toUpperCase(mark));
            } else {
                s.append(exec ? 'x' : '-');
            }
        }
        return s.toString();
    }
}
