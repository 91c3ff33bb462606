package io.grizz.load.commands;

import io.grizz.load.report.Report;
import java.util.Map;

/**
 * The harness's own worker as it saw the run (docs/contract.md §7 meters, counted since it started): how large its
 * batches were
 * and how long it spent persisting them, the first clue to where the time goes; and its peak memory.
 */
final class WorkerFigures {

    private WorkerFigures() {}

    /** @param peakRssBytes the worker's VmHWM, or -1 if unknown */
    static void add(Report.Builder report, Map<String, Double> metrics, long peakRssBytes) {
        if (peakRssBytes >= 0) {
            report.figure("worker_peak_rss", "worker peak RSS (VmHWM)", peakRssBytes / (1024.0 * 1024.0), "MiB");
        }
        Double batches = metrics.get("grizz_batch_size_count");
        Double batchRecords = metrics.get("grizz_batch_size_sum");
        if (batches != null && batches > 0 && batchRecords != null) {
            report.figure("worker_batches", "worker batches", batches, "batches")
                    .figure("worker_mean_batch", "worker mean batch size", batchRecords / batches, "records");
        }
        Double persistSeconds = metrics.get("grizz_batch_persist_seconds_sum");
        Double persistCount = metrics.get("grizz_batch_persist_seconds_count");
        if (persistSeconds != null && persistCount != null && persistCount > 0) {
            report.figure("worker_persist_time", "worker time in batch persist (all threads)", persistSeconds, "s")
                    .figure(
                            "worker_mean_persist",
                            "worker mean batch persist",
                            persistSeconds * 1000 / persistCount,
                            "ms");
        }
        Double deadLettered = metrics.get("grizz_events_dead_lettered_total");
        if (deadLettered != null && deadLettered > 0) {
            report.note(deadLettered.longValue() + " events were dead-lettered by the worker");
        }
    }
}
