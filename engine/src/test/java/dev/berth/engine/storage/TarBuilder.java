package dev.berth.engine.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives entry by entry for tests, including the hostile ones a real tar tool would refuse to make. */
public final class TarBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512, "UTF-8");
    private TarArchiveEntry last;
    private String ownedName;

    public static final Instant DEFAULT_TIME = Instant.parse("2024-01-02T03:04:05Z");

    public TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TarBuilder dir(String name) {
        return dir(name, 0755);
    }

    public TarBuilder dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        e.setMode(mode);
        return put(e, null);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content, 0644);
    }

    public TarBuilder file(String name, byte[] data) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(0644);
        e.setSize(data.length);
        return put(e, data);
    }

    public TarBuilder file(String name, String content, int mode) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(data.length);
        return put(e, data);
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        e.setMode(0777);
        return put(e, null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return put(e, null);
    }

    public TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(0666);
        return put(e, null);
    }

    public TarBuilder fifo(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        e.setMode(0644);
        return put(e, null);
    }

    /** A file with an explicit owner and mtime. */
    public TarBuilder owned(String name, String content, int mode, int uid, int gid, Instant mtime) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(data.length);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(FileTime.from(mtime));
        ownedName = e.getName();
        return put(e, data);
    }

    public TarBuilder withXattr(String name, String content, String xattr, String value) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(0644);
        e.setSize(data.length);
        e.addPaxHeader("SCHILY.xattr." + xattr, value);
        return put(e, data);
    }

    private TarBuilder put(TarArchiveEntry e, byte[] data) {
        try {
            if (!e.getName().equals(ownedName)) {
                e.setModTime(FileTime.from(DEFAULT_TIME));
            }
            tar.putArchiveEntry(e);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
            last = e;
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] bytes() {
        try {
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
