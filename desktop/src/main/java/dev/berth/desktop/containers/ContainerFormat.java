package dev.berth.desktop.containers;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** How the containers table writes ports, ages, sizes and CPU: short, and the way the docker CLI users know. */
final class ContainerFormat {

    private static final Texts T = Texts.of(ContainerFormat.class);

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ContainerFormat() {
    }

    /**
     * "0.0.0.0:8080→80/tcp, 443/tcp". The engine lists a published port once per address family; the IPv6 twin of
     * an IPv4 binding says nothing new, so it is left out.
     */
    static String ports(List<ContainerSummary.Port> ports) {
        if (ports == null || ports.isEmpty()) {
            return "";
        }
        Set<String> ipv4 = new HashSet<>();
        for (ContainerSummary.Port p : ports) {
            if ("0.0.0.0".equals(p.ip()) && p.publicPort() != null) {
                ipv4.add(p.publicPort() + "/" + p.privatePort() + "/" + p.type());
            }
        }
        List<ContainerSummary.Port> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparing((ContainerSummary.Port p) -> p.privatePort() == null ? 0 : p.privatePort())
                .thenComparing(p -> p.publicPort() == null ? 0 : p.publicPort())
                .thenComparing(p -> Objects.toString(p.ip(), "")));
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContainerSummary.Port p : sorted) {
            String type = p.type() == null ? "tcp" : p.type();
            String text;
            if (p.publicPort() == null) {
                text = p.privatePort() + "/" + type;
            } else {
                if ("::".equals(p.ip()) && ipv4.contains(p.publicPort() + "/" + p.privatePort() + "/" + p.type())) {
                    continue;
                }
                String ip = p.ip() == null || p.ip().isEmpty() ? "" : p.ip().contains(":") ? "[" + p.ip() + "]:"
                        : p.ip() + ":";
                text = ip + p.publicPort() + "→" + p.privatePort() + "/" + type;
            }
            if (seen.add(text)) {
                out.add(text);
            }
        }
        return String.join(", ", out);
    }

    /** "5 minutes ago", like {@code docker ps}. */
    static String ago(Long epochSeconds, Instant now) {
        if (epochSeconds == null || epochSeconds <= 0) {
            return "";
        }
        long s = Math.max(0, Duration.between(Instant.ofEpochSecond(epochSeconds), now).getSeconds());
        if (s < 1) {
            return T.get("containers.ago.now");
        }
        if (s < 60) {
            return T.get("containers.ago.seconds", s);
        }
        long m = s / 60;
        if (m < 60) {
            return m == 1 ? T.get("containers.ago.minute") : T.get("containers.ago.minutes", m);
        }
        long h = m / 60;
        if (h < 48) {
            return h == 1 ? T.get("containers.ago.hour") : T.get("containers.ago.hours", h);
        }
        // from here on every count is at least two
        long d = h / 24;
        if (d < 14) {
            return T.get("containers.ago.days", d);
        }
        if (d < 60) {
            return T.get("containers.ago.weeks", d / 7);
        }
        if (d < 365 * 2) {
            return T.get("containers.ago.months", d / 30);
        }
        return T.get("containers.ago.years", d / 365);
    }

    /** Binary units, as {@code docker stats} shows memory: "12.3 MiB". */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, UNITS[unit]);
    }

    static String cpu(double percent) {
        return String.format(Locale.ROOT, percent < 10 ? "%.2f %%" : "%.1f %%", percent);
    }
}
