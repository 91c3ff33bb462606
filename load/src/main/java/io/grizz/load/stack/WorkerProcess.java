package io.grizz.load.stack;

import io.grizz.compose.process.FreePorts;
import io.grizz.compose.process.WorkerJarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The worker as its own JVM, started from its jar ({@code java -Xmx512m -jar grizz-worker.jar}, from its start-up
 * archive when the build left one: {@code WorkerJarProcess}) with the
 * docs/contract.md §6
 * variables, so that what is measured is the program users run, with its own heap and its own peak memory.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final WorkerJarProcess process;
    private final Path log;
    private final int port;
    private final long startedNanos;

    private WorkerProcess(WorkerJarProcess process, Path log, int port, long startedNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /**
     * @param env the docs/contract.md §6 variables; SERVER_PORT is chosen here, so the harness can read the worker's
     * metrics
     */
    public static WorkerProcess start(WorkerSettings settings, Map<String, String> env, String name) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + settings.heap());
        options.addAll(settings.javaOptions());
        Map<String, String> environment = new HashMap<>(env);
        int port = FreePorts.pick();
        environment.put("SERVER_PORT", Integer.toString(port));
        if (settings.ingestConcurrency() != null) {
            environment.put(
                    "GRIZZ_INGEST_CONCURRENCY", settings.ingestConcurrency().toString());
        }
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + settings.logDirectory(), e);
        }
        Path log = settings.logDirectory().resolve(name + ".log");
        long started = System.nanoTime();
        return new WorkerProcess(WorkerJarProcess.start(settings.jar(), options, environment, log), log, port, started);
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where its Prometheus metrics are (docs/contract.md §7). */
    public String prometheusUrl() {
        return "http://127.0.0.1:" + port + "/actuator/prometheus";
    }

    /** The process's peak resident set (VmHWM), while it runs; empty where /proc is not Linux's. */
    public OptionalLong peakRssBytes() {
        return ProcessMemory.peakRssBytes(process.pid());
    }

    /** SIGTERM, as in production; SIGKILL if it has not exited within 30 s. Returns its exit code, -1 if killed. */
    public int stop() {
        return process.terminate(STOP_TIMEOUT).orElse(-1);
    }

    /** Stops it if it still runs; the launcher also does so at exit, before the servers it uses. */
    @Override
    public void close() {
        process.close();
    }
}
