package dev.berth.engine.storage;

import java.util.ArrayList;
import java.util.List;

/** Lexical path handling for archive entry names, like Go's {@code filepath.Clean} relative to a root. */
final class TarPaths {

    private TarPaths() {
    }

    /**
     * The cleaned, root-relative form of an entry name ("" for the root itself), or null when the name is absolute
     * or climbs out of the root with "..".
     */
    static String clean(String name) {
        if (name.startsWith("/")) {
            return null;
        }
        return cleanRelative(name);
    }

    /** Like {@link #clean} but an absolute name is taken relative to the root (hardlink targets, symlink checks). */
    static String cleanRelative(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    static String base(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
