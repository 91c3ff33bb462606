package io.grizz.load.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * How the harness runs its own worker.
 *
 * @param jar               the worker's executable jar
 * @param heap              its {@code -Xmx}, e.g. {@code 512m}: the target is to hold a drain with that
 * @param javaOptions       more JVM options, e.g. {@code -XX:StartFlightRecording=…} to profile it
 * @param ingestConcurrency {@code GRIZZ_INGEST_CONCURRENCY}, or null for the worker's default
 * @param logDirectory      where the worker's output goes
 */
public record WorkerSettings(
        Path jar, String heap, List<String> javaOptions, Integer ingestConcurrency, Path logDirectory) {}
