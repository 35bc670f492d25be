package dev.berth.desktop.files;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ls -lAn --full-time} as GNU coreutils and BusyBox print it (the two a container is likely to have):
 * mode, links, uid, gid, size (or "major, minor" for devices), date, time with optional fraction, UTC offset, name.
 * Anything else makes the whole listing unreadable, and the caller falls back to the archive.
 */
final class LsOutput {

    private static final Pattern LINE = Pattern.compile(
            "^([-dlcbps?])([-rwxsStT]{9})[.+@]?\\s+\\d+\\s+\\S+\\s+\\S+\\s+(?:(\\d+)|\\d+,\\s*\\d+)\\s+"
                    + "(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?\\s+([+-]\\d{4})\\s(.+)$");

    private LsOutput() {
    }

    static Optional<List<FileEntry>> parse(String output) {
        List<FileEntry> entries = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.startsWith("total ")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                return Optional.empty();
            }
            entries.add(entry(m));
        }
        return Optional.of(entries);
    }

    private static FileEntry entry(Matcher m) {
        FileEntry.Kind kind = switch (m.group(1).charAt(0)) {
            case 'd' -> FileEntry.Kind.DIRECTORY;
            case 'l' -> FileEntry.Kind.SYMLINK;
            case '-' -> FileEntry.Kind.FILE;
            default -> FileEntry.Kind.OTHER;
        };
        String name = m.group(8);
        String target = "";
        if (kind == FileEntry.Kind.SYMLINK) {
            int arrow = name.indexOf(" -> ");
            if (arrow >= 0) {
                target = name.substring(arrow + 4);
                name = name.substring(0, arrow);
            }
        }
        long size = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
        return new FileEntry(name, kind, size, permissions(m.group(2)), modified(m), target);
    }

    private static int permissions(String rwx) {
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            char c = rwx.charAt(i);
            int bit = 1 << (8 - i);
            if (c != '-' && c != 'S' && c != 'T') {
                mode |= bit;
            }
        }
        if (rwx.charAt(2) == 's' || rwx.charAt(2) == 'S') {
            mode |= 04000;
        }
        if (rwx.charAt(5) == 's' || rwx.charAt(5) == 'S') {
            mode |= 02000;
        }
        if (rwx.charAt(8) == 't' || rwx.charAt(8) == 'T') {
            mode |= 01000;
        }
        return mode;
    }

    private static Instant modified(Matcher m) {
        LocalTime time = LocalTime.parse(m.group(5));
        if (m.group(6) != null) {
            String digits = (m.group(6).substring(1) + "000000000").substring(0, 9);
            time = time.withNano(Integer.parseInt(digits));
        }
        ZoneOffset offset = ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3));
        return LocalDate.parse(m.group(4)).atTime(time).toInstant(offset);
    }
}
