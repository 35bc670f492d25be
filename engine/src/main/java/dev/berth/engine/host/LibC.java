package dev.berth.engine.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The libc calls Java lacks, through JNA. Every function throws {@link LastErrorException} on failure (errno in
 * {@link LastErrorException#getErrorCode()}); use {@link #describe(LastErrorException)} for a readable reason.
 *
 * <p>Only calls that are safe in a multithreaded JVM belong here: no fork, clone, unshare or setns(mnt|user).
 * Append new functions; do not rename existing ones, several packages use them.
 */
public interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int MS_RDONLY = 1;
    int MS_NOSUID = 2;
    int MS_NODEV = 4;
    int MS_NOEXEC = 8;
    int MS_REMOUNT = 32;
    int MS_BIND = 4096;
    int MS_REC = 16384;
    int MS_PRIVATE = 1 << 18;

    int MNT_FORCE = 1;
    int MNT_DETACH = 2;

    int S_IFCHR = 0020000;

    int RLIMIT_NOFILE = 7;
    int RLIMIT_NPROC = 6;

    int SIGKILL = 9;

    int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int mknod(String path, int mode, long dev) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    int lchown(String path, int owner, int group) throws LastErrorException;

    int chmod(String path, int mode) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    int getrlimit(int resource, RLimit limit) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    long syscall(long number, Object... args) throws LastErrorException;

    int geteuid();

    String strerror(int errnum);

    /** {@code struct rlimit}: soft and hard limits. */
    @Structure.FieldOrder({"rlim_cur", "rlim_max"})
    class RLimit extends Structure {
        public long rlim_cur;
        public long rlim_max;
    }

    /** {@code makedev(major, minor)} as glibc encodes it. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** "Operation not permitted (errno 1)". */
    static String describe(LastErrorException e) {
        return INSTANCE.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode() + ")";
    }

    /** A null pointer for optional arguments. */
    Pointer NULL = Pointer.NULL;
}
