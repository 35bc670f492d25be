package dev.berth.desktop.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {

    private static ContainerStats sample(String read, long cpu, long system, long preCpu, long preSystem, long rx,
                                         long tx, long readBytes, long written) throws Exception {
        String json = """
                {"read": "%s", "preread": "0001-01-01T00:00:00Z",
                 "cpu_stats": {"cpu_usage": {"total_usage": %d}, "system_cpu_usage": %d, "online_cpus": 2},
                 "precpu_stats": {"cpu_usage": {"total_usage": %d}, "system_cpu_usage": %d, "online_cpus": 2},
                 "memory_stats": {"usage": 2097152, "stats": {"inactive_file": 1048576}, "limit": 67108864},
                 "networks": {"eth0": {"rx_bytes": %d, "tx_bytes": %d}},
                 "blkio_stats": {"io_service_bytes_recursive": [
                    {"major": 8, "minor": 0, "op": "read", "value": %d},
                    {"major": 8, "minor": 0, "op": "write", "value": %d}]}}
                """.formatted(read, cpu, system, preCpu, preSystem, rx, tx, readBytes, written);
        return Json.MAPPER.readValue(json, ContainerStats.class);
    }

    @Test
    void ratesComeFromTheDifferenceBetweenSamples() throws Exception {
        StatsCalculator calculator = new StatsCalculator(null);
        StatsPoint first = calculator.next(sample("2024-05-01T10:00:00Z", 1_000, 10_000, 0, 0, 100, 50, 0, 0));
        assertNull(first.cpuPercent(), "the stream's first sample has no previous CPU counters");
        assertNull(first.networkInRate());
        assertEquals(0.0, first.seconds());
        assertEquals(1048576, first.memoryUsed());
        assertEquals(67108864L, first.memoryLimit());
        assertEquals(1.5625, first.memoryPercent(), 1e-9);

        StatsPoint second = calculator.next(sample("2024-05-01T10:00:02Z", 2_000, 14_000, 1_000, 10_000,
                2_100, 1_050, 4_000, 8_000));
        assertEquals(2.0, second.seconds());
        assertEquals(50.0, second.cpuPercent(), 1e-9); // 1000 of 4000 system ns on 2 CPUs
        assertEquals(1000.0, second.networkInRate());
        assertEquals(500.0, second.networkOutRate());
        assertEquals(2000.0, second.blockReadRate());
        assertEquals(4000.0, second.blockWriteRate());
    }

    @Test
    void countersThatGoBackwardsGiveNoRateAndEmptySamplesAreSkipped() throws Exception {
        StatsCalculator calculator = new StatsCalculator(Instant.parse("2024-05-01T09:59:00Z"));
        calculator.next(sample("2024-05-01T10:00:00Z", 1_000, 10_000, 0, 0, 5_000, 5_000, 0, 0));
        StatsPoint reset = calculator.next(sample("2024-05-01T10:00:01Z", 2_000, 12_000, 1_000, 10_000, 10, 10, 0, 0));
        assertNull(reset.networkInRate());
        assertEquals(61.0, reset.seconds());
        assertNull(calculator.next(sample("0001-01-01T00:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void formatsLikeDockerStats() {
        assertEquals("64.0 MiB", StatsFormat.memory(64L * 1024 * 1024));
        assertEquals("512 B", StatsFormat.memory(512));
        assertEquals("1.5 kB/s", StatsFormat.rate(1500.0));
        assertEquals("0 B/s", StatsFormat.rate(0.0));
        assertEquals("12.3 %", StatsFormat.percent(12.34));
        assertEquals(2.5, StatsView.niceCeiling(2.1));
        assertEquals(1.0, StatsView.niceCeiling(1.0));
        assertEquals(500.0, StatsView.niceCeiling(301));
    }
}
