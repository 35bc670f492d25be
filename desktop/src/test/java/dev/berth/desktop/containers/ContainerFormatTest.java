package dev.berth.desktop.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.containers.ContainerSummary.Port;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerFormatTest {

    @Test
    void portsReadLikeTheCliWithoutTheIpv6Twin() {
        assertEquals("0.0.0.0:8080→80/tcp, 443/tcp", ContainerFormat.ports(List.of(
                new Port("::", 80, 8080, "tcp"), new Port(null, 443, null, "tcp"),
                new Port("0.0.0.0", 80, 8080, "tcp"))));
        assertEquals("127.0.0.1:53→53/udp, [::1]:5353→53/udp", ContainerFormat.ports(List.of(
                new Port("::1", 53, 5353, "udp"), new Port("127.0.0.1", 53, 53, "udp"))));
        assertEquals("", ContainerFormat.ports(null));
    }

    @Test
    void agesAreRelative() {
        Instant now = Instant.ofEpochSecond(1_000_000);
        assertEquals("5 minutes ago", ContainerFormat.ago(1_000_000L - 300, now));
        assertEquals("About a minute ago", ContainerFormat.ago(1_000_000L - 70, now));
        assertEquals("3 hours ago", ContainerFormat.ago(1_000_000L - 3 * 3600, now));
        assertEquals("3 days ago", ContainerFormat.ago(1_000_000L - 3 * 86400, now));
        assertEquals("", ContainerFormat.ago(null, now));
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("512 B", ContainerFormat.bytes(512));
        assertEquals("1.50 KiB", ContainerFormat.bytes(1536));
        assertEquals("12.3 MiB", ContainerFormat.bytes((long) (12.3 * 1024 * 1024)));
    }

    @Test
    void cpuPercentComesFromTwoOneShotSamples() {
        ContainerStats.CpuStats before = new ContainerStats.CpuStats(
                new ContainerStats.CpuUsage(1_000L, null, null, null), 100_000L, 2, null);
        ContainerStats.CpuStats after = new ContainerStats.CpuStats(
                new ContainerStats.CpuUsage(6_000L, null, null, null), 200_000L, 2, null);
        ContainerStats now = new ContainerStats(null, null, null, null, null, null, null, null, null, after, null,
                null, null);
        // 5,000 of 100,000 system ns on 2 CPUs: 10 %
        assertEquals(10.0, StatsSampler.withPrevious(now, before).cpuPercent(), 1e-9);
    }
}
