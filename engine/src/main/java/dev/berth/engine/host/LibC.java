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

    // ---- storage: in-root file operations (layer extraction, docker cp) ----------------------------------------

    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100;
    int O_PATH = 010000000;
    int O_DIRECTORY = 0200000;
    int O_NOFOLLOW = 0400000;
    int O_CLOEXEC = 02000000;
    long SYS_OPENAT2 = 437;
    long RESOLVE_NO_MAGICLINKS = 0x02;
    long RESOLVE_IN_ROOT = 0x10;

    int close(int fd) throws LastErrorException;

    /** With AT_SYMLINK_NOFOLLOW glibc refuses symlinks instead of following them (chmod(2) always follows). */
    int fchmodat(int dirfd, String path, int mode, int flags) throws LastErrorException;

    /** {@code times} is two struct timespec: {atime_sec, atime_nsec, mtime_sec, mtime_nsec}. */
    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    /** symlink(2): the target text is stored exactly as given (NIO would normalise "a/" to "a"). */
    int symlink(String target, String linkpath) throws LastErrorException;

    /** {@code struct open_how} of openat2(2). */
    @Structure.FieldOrder({"flags", "mode", "resolve"})
    class OpenHow extends Structure {
        public long flags;
        public long mode;
        public long resolve;
    }

    // ---- runtime: conmon's attach socket (SOCK_SEQPACKET), ctl FIFO, raw fds ----------------------------------

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 04000;
    int AF_UNIX = 1;
    int SOCK_SEQPACKET = 5;
    int SOCK_CLOEXEC_FLAG = 02000000;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;
    int MSG_NOSIGNAL = 0x4000;
    int EINTR = 4;
    int EAGAIN = 11;
    int ENXIO = 6;

    int open(String path, int flags, int mode) throws LastErrorException;

    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code address} is a {@code struct sockaddr_un} laid out as bytes (family, then the path). */
    int connect(int fd, byte[] address, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int shutdown(int fd, int how) throws LastErrorException;

    // ---- runtime.ExecFifo: the reading end of a created container's exec FIFO -----------------------------------
    short POLLIN = 0x001;
    short POLLERR = 0x008;
    short POLLHUP = 0x010;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** {@code fds} points to {@code nfds} consecutive {@link PollFd}s (one, passed by reference, is the usual). */
    int poll(PollFd fds, long nfds, int timeoutMillis) throws LastErrorException;

    /** {@code struct pollfd}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }
}
