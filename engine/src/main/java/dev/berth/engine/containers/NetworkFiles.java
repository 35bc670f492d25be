package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-container /etc/hostname, /etc/hosts and /etc/resolv.conf Docker bind-mounts into every container:
 * written into the container's directory, so edits inside the container survive restarts and leave the image alone.
 */
final class NetworkFiles {

    private static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    /** What --add-host NAME:host-gateway maps to: the default bridge's gateway, the host's address there. */
    static volatile String hostGateway;

    private NetworkFiles() {
    }

    static String defaultHosts() {
        return DEFAULT_HOSTS;
    }

    static Path hostname(Path dir) {
        return dir.resolve("hostname");
    }

    static Path hosts(Path dir) {
        return dir.resolve("hosts");
    }

    static Path resolvConf(Path dir) {
        return dir.resolve("resolv.conf");
    }

    /**
     * The names of the container's own hosts entry, as libnetwork writes them: the FQDN (hostname, plus the domain
     * name if there is one) and, when that has a dot, the bare first label too ("web.example.com web").
     */
    static String ownNames(String hostname, String domainname) {
        String fqdn = domainname == null || domainname.isEmpty() ? hostname : hostname + "." + domainname;
        int dot = fqdn.indexOf('.');
        return dot < 0 ? fqdn : fqdn + " " + fqdn.substring(0, dot);
    }

    /** Writes the three files once (at create); later edits by the container are kept. */
    static void write(Path dir, String hostname, String domainname, HostConfig host, boolean hostNetwork) {
        try {
            Files.createDirectories(dir);
            Files.writeString(hostname(dir), hostname + "\n");
            StringBuilder hosts = new StringBuilder();
            if (hostNetwork) {
                hosts.append(readOr(Path.of("/etc/hosts"), DEFAULT_HOSTS));
                if (hosts.length() > 0 && hosts.charAt(hosts.length() - 1) != '\n') {
                    hosts.append('\n');
                }
            } else {
                hosts.append(DEFAULT_HOSTS);
            }
            if (host.extraHosts() != null) {
                for (String entry : host.extraHosts()) {
                    hosts.append(extraHost(entry)).append('\n');
                }
            }
            Files.writeString(hosts(dir), hosts.toString());
            Files.writeString(resolvConf(dir), resolvConf(host, hostNetwork));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network files of a container: " + e.getMessage(), e);
        }
    }

    /** "name:ip" (or "name=ip") → "ip\tname"; 400 with Docker's message for a bad address. */
    static String extraHost(String entry) {
        int sep = entry.indexOf('=') >= 0 ? entry.indexOf('=') : entry.indexOf(':');
        if (sep <= 0) {
            throw EngineException.badRequest("invalid argument \"" + entry + "\" for \"--add-host\" flag: bad format "
                    + "for add-host: \"" + entry + "\"");
        }
        String name = entry.substring(0, sep);
        String ip = entry.substring(sep + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (ip.equals("host-gateway") && hostGateway != null) {
            ip = hostGateway;
        } else if (ip.equals("host-gateway")) {
            throw EngineException.badRequest("host-gateway needs the default bridge network, and this engine "
                    + "runs without bridge networking: give the host's address instead");
        }
        if (!isIp(ip)) {
            throw EngineException.badRequest("invalid IP address in add-host: \"" + ip + "\"");
        }
        return ip + "\t" + name;
    }

    static void validateExtraHosts(List<String> entries) {
        if (entries != null) {
            entries.forEach(NetworkFiles::extraHost);
        }
    }

    private static boolean isIp(String s) {
        if (s.isEmpty() || !(s.matches("[0-9.]+") || s.matches("[0-9a-fA-F:.]+") && s.contains(":"))) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The host's resolv.conf; in a private network namespace localhost resolvers cannot be reached, so they are
     * dropped (and Google's public DNS used if nothing is left), as Docker does. --dns, --dns-search and
     * --dns-option replace the respective lines.
     */
    static String resolvConf(HostConfig host, boolean hostNetwork) {
        Path source = Files.exists(Path.of("/run/systemd/resolve/resolv.conf"))
                && readOr(Path.of("/etc/resolv.conf"), "").contains("127.0.0.53")
                ? Path.of("/run/systemd/resolve/resolv.conf") : Path.of("/etc/resolv.conf");
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : readOr(source, "").split("\n")) {
            String t = line.trim();
            if (t.startsWith("nameserver")) {
                String ns = t.substring("nameserver".length()).trim();
                if (hostNetwork || !(ns.startsWith("127.") || ns.equals("::1"))) {
                    nameservers.add(ns);
                }
            } else if (t.startsWith("search") || t.startsWith("domain")) {
                search.add(t.replaceFirst("^(search|domain)\\s*", ""));
            } else if (t.startsWith("options")) {
                options.add(t.substring("options".length()).trim());
            } else if (!t.isEmpty() && !t.startsWith("#")) {
                other.add(t);
            }
        }
        if (host.dns() != null && !host.dns().isEmpty()) {
            nameservers = host.dns();
        }
        if (host.dnsSearch() != null && !host.dnsSearch().isEmpty()) {
            search = List.of(String.join(" ", host.dnsSearch()));
        }
        if (host.dnsOptions() != null && !host.dnsOptions().isEmpty()) {
            options = List.of(String.join(" ", host.dnsOptions()));
        }
        if (nameservers.isEmpty()) {
            nameservers = List.of("8.8.8.8", "8.8.4.4");
        }
        StringBuilder out = new StringBuilder();
        for (String s : search) {
            if (!s.isBlank()) {
                out.append("search ").append(s).append('\n');
            }
        }
        for (String ns : nameservers) {
            out.append("nameserver ").append(ns).append('\n');
        }
        for (String o : options) {
            if (!o.isBlank()) {
                out.append("options ").append(o).append('\n');
            }
        }
        for (String o : other) {
            out.append(o).append('\n');
        }
        return out.toString();
    }

    private static String readOr(Path file, String fallback) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return fallback;
        }
    }
}
