package dev.berth.desktop.ports;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Is a port free on this machine, and if not, who holds it? Binding the address ourselves is the ground truth for
 * "free"; the holder comes from Linux's socket tables (/proc/net/tcp, tcp6, udp, udp6: the listening socket's
 * inode) and the processes whose open files include that socket (/proc/PID/fd → socket:[inode]). Blocking: call
 * it in the background.
 */
public final class HostPortCheck {

    public enum Status {
        /** Binding it worked: nothing holds it. */
        FREE,
        /** Something holds it; {@link Result#holders()} says who where the host lets us see. */
        TAKEN,
        /** This machine has no such address to bind. */
        NO_SUCH_ADDRESS,
        /** A port below the unprivileged range that we may not bind, and no listener on it was found. */
        PRIVILEGED,
        /** The bind failed for another reason: {@link Result#detail()}. */
        UNKNOWN
    }

    /** @param detail the system's message when the status is UNKNOWN, else "" */
    public record Result(Status status, List<PortHolder> holders, String detail) {
    }

    private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.%]+");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final String TCP_LISTEN = "0A";
    private static final String TCP_TIME_WAIT = "06";

    private final Path proc;

    public HostPortCheck() {
        this(Path.of("/proc"));
    }

    HostPortCheck(Path proc) {
        this.proc = proc;
    }

    /**
     * @param address  an IP literal (IPv6 with or without brackets); blank means every address, 0.0.0.0
     * @param protocol "tcp" or "udp"
     * @throws IllegalArgumentException when the address is not an IP literal or the port is out of range
     */
    public Result check(String address, int port, String protocol) {
        InetAddress where = parseAddress(address);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not from 1 to 65535");
        }
        boolean udp = isUdp(protocol);
        try {
            bind(where, port, udp);
            return new Result(Status.FREE, List.of(), "");
        } catch (BindException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("in use")) {
                return new Result(Status.TAKEN, holders(where, port, protocol), "");
            }
            if (message.contains("assign requested address")) {
                return new Result(Status.NO_SUCH_ADDRESS, List.of(), "");
            }
            if (message.contains("Permission denied")) {
                // root may bind it (an engine can); whether someone already listens is still visible in /proc
                List<PortHolder> holders = holders(where, port, protocol);
                return holders.isEmpty() ? new Result(Status.PRIVILEGED, List.of(), "")
                        : new Result(Status.TAKEN, holders, "");
            }
            return new Result(Status.UNKNOWN, List.of(), message);
        } catch (IOException | SecurityException e) {
            return new Result(Status.UNKNOWN, List.of(), String.valueOf(e.getMessage()));
        }
    }

    private static void bind(InetAddress where, int port, boolean udp) throws IOException {
        InetSocketAddress socketAddress = new InetSocketAddress(where, port);
        if (udp) {
            // no SO_REUSEADDR: with it, a UDP bind succeeds beside another socket that set it too
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(socketAddress);
            }
        } else {
            // reuse-address on, as in dockerd's own listeners: TIME_WAIT leftovers do not count, listeners do
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(socketAddress);
            }
        }
    }

    /** Who holds {@code port} on an address overlapping {@code where}, from /proc; empty when nothing is seen. */
    public List<PortHolder> holders(InetAddress where, int port, String protocol) {
        boolean udp = isUdp(protocol);
        String wire = udp ? "udp" : "tcp";
        Map<Long, InetAddress> sockets = new LinkedHashMap<>();
        for (String table : udp ? List.of("udp", "udp6") : List.of("tcp", "tcp6")) {
            sockets.putAll(sockets(proc.resolve("net").resolve(table), where, port, udp, true));
        }
        if (sockets.isEmpty() && !udp) {
            // no listener, yet the bind failed: a bound socket that is not listening (rare) still holds the port
            for (String table : List.of("tcp", "tcp6")) {
                sockets.putAll(sockets(proc.resolve("net").resolve(table), where, port, false, false));
            }
        }
        Map<Long, Set<Long>> pidsByInode = pidsOf(sockets.keySet());
        List<PortHolder> holders = new ArrayList<>();
        Set<Long> seenPids = new LinkedHashSet<>();
        sockets.forEach((inode, bound) -> {
            String shown = bound instanceof Inet4Address ? bound.getHostAddress() : "[" + compact(bound) + "]";
            Set<Long> pids = pidsByInode.getOrDefault(inode, Set.of());
            if (pids.isEmpty()) {
                holders.add(new PortHolder(-1, "", "", shown, port, wire));
            }
            for (long pid : pids) {
                if (seenPids.add(pid)) {
                    holders.add(new PortHolder(pid, comm(pid), commandLine(pid), shown, port, wire));
                }
            }
        });
        return holders;
    }

    /** inode → bound address of the sockets in one table that hold the port on an overlapping address. */
    private static Map<Long, InetAddress> sockets(Path table, InetAddress where, int port, boolean udp,
                                                  boolean listeningOnly) {
        Map<Long, InetAddress> found = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return found; // no IPv6 on this machine, or no /proc: nothing to see there
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String state = f[3];
            if (!udp && (listeningOnly ? !state.equals(TCP_LISTEN) : state.equals(TCP_TIME_WAIT))) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0 || Integer.parseInt(f[1].substring(colon + 1), 16) != port) {
                continue;
            }
            long inode = Long.parseLong(f[9]);
            InetAddress bound = kernelAddress(f[1].substring(0, colon));
            if (inode != 0 && bound != null && overlaps(where, bound)) {
                found.put(inode, bound);
            }
        }
        return found;
    }

    /**
     * The kernel prints addresses as 32-bit words in the machine's byte order: 0100007F is 127.0.0.1 on x86.
     * IPv4-mapped IPv6 addresses come back as IPv4 ones.
     */
    static InetAddress kernelAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + b * 2;
                int value = Integer.parseInt(hex.substring(at, at + 2), 16);
                bytes[word * 4 + (little ? 3 - b : b)] = (byte) value;
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether binding {@code wanted} collides with a socket bound to {@code bound}. The IPv6 wildcard counts as
     * dual-stack (Linux's default), so it collides with IPv4 addresses too.
     */
    static boolean overlaps(InetAddress wanted, InetAddress bound) {
        if (bound.isAnyLocalAddress()) {
            return !(bound instanceof Inet4Address) || wanted instanceof Inet4Address || wanted.isAnyLocalAddress();
        }
        if (wanted.isAnyLocalAddress()) {
            return !(wanted instanceof Inet4Address) || bound instanceof Inet4Address;
        }
        return wanted.equals(bound);
    }

    /** inode → the processes that have that socket open. */
    private Map<Long, Set<Long>> pidsOf(Set<Long> inodes) {
        Map<Long, Set<Long>> found = new HashMap<>();
        if (inodes.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc,
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        long inode = socketInode(fd);
                        if (inode > 0 && inodes.contains(inode)) {
                            found.computeIfAbsent(inode, k -> new LinkedHashSet<>()).add(pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or one that just ended: not ours to see
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring(8, target.length() - 1));
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            // closed meanwhile
        }
        return -1;
    }

    private String comm(long pid) {
        try {
            return Files.readString(proc.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return line.length() > 300 ? line.substring(0, 300) + "…" : line;
        } catch (IOException e) {
            return "";
        }
    }

    /** An IPv6 address the way people write it: the longest run of zero groups as "::" (Java spells out all 8). */
    static String compact(InetAddress address) {
        String[] groups = address.getHostAddress().split("%")[0].split(":");
        if (groups.length != 8) {
            return address.getHostAddress();
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
        return head + "::" + tail;
    }

    /** An IP literal, never a name to resolve; blank is 0.0.0.0. */
    public static InetAddress parseAddress(String address) {
        String text = address == null ? "" : address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isEmpty()) {
            text = "0.0.0.0";
        }
        if (!IP_CHARS.matcher(text).matches() || !(text.contains(":") || IPV4.matcher(text).matches())) {
            throw new IllegalArgumentException("\"" + address.strip() + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + address.strip() + "\" is not an IP address");
        }
    }

    private static boolean isUdp(String protocol) {
        return protocol != null && protocol.toLowerCase(Locale.ROOT).equals("udp");
    }
}
