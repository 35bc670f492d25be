package dev.berth.engine.testing;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Tears down what a test engine leaves on the host when it did not (or could not) clean up itself: containers still
 * known to its runc root, conmon monitors naming its directories, mounts under them, and the directories.
 */
final class HostCleanup {

    private HostCleanup() {
    }

    /** Kills and deletes every container in a private runc root (never the host's default root). */
    static void removeRuncContainers(Path runcRoot) {
        if (!Files.isDirectory(runcRoot)) {
            return;
        }
        try {
            String runc = Commands.find("/usr/sbin/runc", "/usr/bin/runc");
            ProcessResult list = Commands.run(List.of(runc, "--root", runcRoot.toString(), "list", "-q"), Map.of(),
                    null, 30);
            for (String id : list.stdout().split("\\s+")) {
                if (!id.isBlank()) {
                    Commands.run(List.of(runc, "--root", runcRoot.toString(), "delete", "--force", id), Map.of(),
                            null, 30);
                }
            }
        } catch (RuntimeException e) {
            // best effort: runc missing, or a container that will not die; the rest of the cleanup still runs
        }
    }

    /**
     * SIGKILLs conmon processes whose command line names one of {@code roots} (the engine's data or exec root), so
     * a crashed engine's monitors never outlive the test run. Processes of other engines are never touched.
     */
    static void killConmonsNaming(Path... roots) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String cmdline;
                String comm;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    comm = Files.readString(proc.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                if (!comm.equals("conmon")) {
                    continue;
                }
                for (Path root : roots) {
                    if (cmdline.contains(root.toString() + "/")) {
                        ProcessHandle.of(Long.parseLong(proc.getFileName().toString()))
                                .ifPresent(ProcessHandle::destroyForcibly);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes what an engine's networks left on the host: their bridges, and the iptables rules CNI wrote for them
     * (ipMasq and portmap rules name the network ID in a comment; firewall rules name container addresses).
     */
    static void removeNetworks(Path dataRoot, String defaultBridge) {
        List<String> bridges = new ArrayList<>(List.of(defaultBridge));
        List<String> tokens = new ArrayList<>();
        Path dir = dataRoot.resolve("networks");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    String json = Files.readString(f);
                    java.util.regex.Matcher b = java.util.regex.Pattern.compile("\"bridge\"\\s*:\\s*\"([^\"]+)\"")
                            .matcher(json);
                    if (b.find()) {
                        bridges.add(b.group(1));
                    }
                    java.util.regex.Matcher sub = java.util.regex.Pattern
                            .compile("\"subnet\"\\s*:\\s*\"(\\d+\\.\\d+\\.\\d+\\.)\\d+/24\"").matcher(json);
                    if (sub.find()) {
                        tokens.add(" " + sub.group(1));
                    }
                    tokens.add(f.getFileName().toString().replace(".json", ""));
                }
            } catch (IOException e) {
                // nothing readable: the bridges below still go
            }
        }
        for (String table : List.of("nat", "filter")) {
            String rules = Commands.run(List.of("iptables-save", "-t", table), Map.of(), null, 30).stdout();
            List<String> chains = new ArrayList<>();
            for (String line : rules.split("\n")) {
                if (!line.startsWith("-A ") || tokens.stream().noneMatch(t -> line.contains(t)
                        && (t.startsWith(" ") ? line.matches(".*[ds] " + java.util.regex.Pattern.quote(t.strip())
                        + "\\d+/32.*") : true))) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("iptables", "-t", table, "-D"));
                args.addAll(shellSplit(line.substring(3)));
                Commands.run(args, Map.of(), null, 30);
                java.util.regex.Matcher jump = java.util.regex.Pattern.compile(" -j (CNI-[0-9a-f]{24}|CNI-DN-[0-9a-f]+)")
                        .matcher(line);
                if (jump.find()) {
                    chains.add(jump.group(1));
                }
            }
            for (String chain : chains) {
                Commands.run(List.of("iptables", "-t", table, "-F", chain), Map.of(), null, 30);
                Commands.run(List.of("iptables", "-t", table, "-X", chain), Map.of(), null, 30);
            }
        }
        for (String bridge : bridges) {
            Commands.run(List.of("ip", "link", "del", bridge), Map.of(), null, 30);
        }
    }

    /** iptables-save's quoting: double quotes around comments, backslash-escaped quotes inside. */
    private static List<String> shellSplit(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                any = true;
            } else if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Lazily unmounts everything mounted at or under {@code dir}, deepest first. */
    static void unmountUnder(Path dir) {
        String prefix = dir.toString();
        try {
            List<String> targets = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                String target = f.length > 4 ? f[4].replace("\\040", " ") : "";
                if (target.equals(prefix) || target.startsWith(prefix + "/")) {
                    targets.add(target);
                }
            }
            targets.sort(Comparator.comparingInt(String::length).reversed());
            for (String t : targets) {
                Commands.run(List.of("umount", "-l", t), Map.of(), null, 30);
            }
        } catch (IOException | RuntimeException e) {
            // nothing mounted, or not permitted
        }
    }

    /** Deletes a tree without following symlinks; what cannot be removed stays (and is reported by the caller). */
    /**
     * Removes the engine's cgroup parents ({@code /berth} under each hierarchy) when nothing is left in them, as a
     * test should leave the host; a cgroup still in use (another engine's container) refuses the rmdir and stays.
     */
    static void removeEmptyCgroups(String parent) {
        Path root = Path.of("/sys/fs/cgroup");
        try (var hierarchies = java.nio.file.Files.list(root)) {
            for (Path hierarchy : (Iterable<Path>) hierarchies::iterator) {
                Path top = hierarchy.resolve(parent);
                if (!java.nio.file.Files.isDirectory(top)) {
                    continue;
                }
                try (var dirs = java.nio.file.Files.walk(top)) {
                    dirs.filter(java.nio.file.Files::isDirectory).sorted(java.util.Comparator.reverseOrder())
                            .forEach(d -> d.toFile().delete());
                } catch (java.io.IOException | RuntimeException e) {
                    // best effort
                }
            }
        } catch (java.io.IOException e) {
            // no cgroup file system here
        }
    }

}
