package dev.berth.desktop.files;

import java.util.ArrayDeque;
import java.util.Deque;

/** POSIX path arithmetic for paths inside a container (never the local file system's rules). */
final class ContainerPaths {

    private ContainerPaths() {
    }

    /** An absolute path without ".", "..", doubled or trailing slashes; "" and null mean "/". */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : (path == null ? "" : path.strip()).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String path) {
        String p = normalize(path);
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    static String child(String directory, String name) {
        String dir = normalize(directory);
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The path to ask the archive endpoint for so it sends the directory's contents, following a symlinked directory. */
    static String contentsOf(String directory) {
        String dir = normalize(directory);
        return dir.equals("/") ? "/." : dir + "/.";
    }
}
