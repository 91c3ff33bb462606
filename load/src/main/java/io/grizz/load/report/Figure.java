package io.grizz.load.report;

/**
 * One measured number of a report.
 *
 * @param key   a stable name for scripts reading the JSON, e.g. {@code persisted_rate}
 * @param label what a person reads, e.g. "persisted rate"
 */
public record Figure(String key, String label, double value, String unit) {}
