package dev.berth.desktop.stats;

/**
 * One stats sample as the tab shows it. Rates are per second since the previous sample; null where they cannot be
 * known yet (the first sample of a stream has nothing to compare with).
 *
 * @param seconds      seconds since the tab started sampling (the charts' x axis)
 * @param memoryLimit  the container's limit, or the host's memory without one; null if unknown
 */
record StatsPoint(double seconds, Double cpuPercent, long memoryUsed, Long memoryLimit, Double networkInRate,
                  Double networkOutRate, Double blockReadRate, Double blockWriteRate, boolean hasNetwork) {

    Double memoryPercent() {
        return memoryLimit == null || memoryLimit <= 0 ? null : memoryUsed * 100.0 / memoryLimit;
    }
}
