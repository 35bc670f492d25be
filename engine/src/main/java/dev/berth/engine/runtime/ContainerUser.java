package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Docker's {@code User} ("name", "uid", "name:group", "uid:gid") into numeric IDs using the container's own
 * /etc/passwd and /etc/group, as moby's getUser does: unknown names fail, unknown numbers are taken as they are,
 * and the user's supplementary groups come from /etc/group (plus {@code --group-add}).
 */
public record ContainerUser(long uid, long gid, List<Long> additionalGids) {

    public static ContainerUser resolve(Path rootfs, String user, List<String> groupAdd) {
        String spec = user == null ? "" : user.trim();
        String userPart = spec;
        String groupPart = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            userPart = spec.substring(0, colon);
            groupPart = spec.substring(colon + 1);
        }
        List<String[]> passwd = read(rootfs, "/etc/passwd");
        List<String[]> groups = read(rootfs, "/etc/group");

        long uid = 0;
        long gid = 0;
        String userName = "root";
        if (userPart.isEmpty()) {
            String[] entry = find(passwd, "0", 2);
            if (entry != null) {
                gid = parse(entry[3], 0);
                userName = entry[0];
            }
        } else if (isNumber(userPart)) {
            uid = Long.parseLong(userPart);
            String[] entry = find(passwd, userPart, 2);
            if (entry != null) {
                gid = parse(entry[3], 0);
                userName = entry[0];
            } else {
                userName = null;
            }
        } else {
            String[] entry = find(passwd, userPart, 0);
            if (entry == null) {
                throw EngineException.badRequest("unable to find user " + userPart
                        + ": no matching entries in passwd file");
            }
            uid = parse(entry[2], 0);
            gid = parse(entry[3], 0);
            userName = entry[0];
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            gid = groupId(groups, groupPart);
        }
        // As libcontainer's GetExecUser: supplementary groups from membership only when no group was named.
        Set<Long> extra = new LinkedHashSet<>();
        if (userName != null && (groupPart == null || groupPart.isEmpty())) {
            for (String[] g : groups) {
                if (g.length >= 4 && !g[3].isEmpty()) {
                    for (String member : g[3].split(",")) {
                        if (member.trim().equals(userName)) {
                            extra.add(parse(g[2], -1));
                        }
                    }
                }
            }
        }
        if (groupAdd != null) {
            for (String g : groupAdd) {
                extra.add(groupId(groups, g));
            }
        }
        extra.remove(-1L);
        return new ContainerUser(uid, gid, List.copyOf(new ArrayList<>(extra)));
    }

    private static long groupId(List<String[]> groups, String group) {
        if (isNumber(group)) {
            return Long.parseLong(group);
        }
        String[] entry = find(groups, group, 0);
        if (entry == null) {
            throw EngineException.badRequest("unable to find group " + group + ": no matching entries in group file");
        }
        return parse(entry[2], 0);
    }

    /** The first entry whose {@code field} equals {@code value}, padded to four fields (name:x:id:rest). */
    private static String[] find(List<String[]> entries, String value, int field) {
        for (String[] entry : entries) {
            if (entry.length >= 3 && entry[field].equals(value)) {
                return entry.length >= 4 ? entry : new String[] {entry[0], entry[1], entry[2], ""};
            }
        }
        return null;
    }

    private static List<String[]> read(Path rootfs, String file) {
        List<String[]> entries = new ArrayList<>();
        try {
            Path path = RootfsPath.resolve(rootfs, file);
            if (!Files.isRegularFile(path)) {
                return entries;
            }
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                entries.add(line.split(":", -1));
            }
        } catch (IOException e) {
            return entries;
        }
        return entries;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static long parse(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
