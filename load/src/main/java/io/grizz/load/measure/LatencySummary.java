package io.grizz.load.measure;

/**
 * Latency percentiles in milliseconds, as reported everywhere: console, JSON and HTML.
 *
 * @param count how many values; the percentiles are meaningless when it is 0
 */
public record LatencySummary(
        String name,
        long count,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double meanMs) {}
