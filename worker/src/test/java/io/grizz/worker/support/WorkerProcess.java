package io.grizz.worker.support;

import io.grizz.compose.process.WorkerJarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker as a separate JVM started from the built jar, for tests that must kill it the way
 * production dies (SIGKILL), not close a Spring context politely.
 */
public final class WorkerProcess implements AutoCloseable {

    private final WorkerJarProcess process;
    private final Path log;

    private WorkerProcess(WorkerJarProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static WorkerProcess start(Map<String, String> environment, String... jvmOptions) {
        Path jar = Paths.get(System.getProperty("grizz.worker.jar", "target/grizz-worker.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("worker jar not found at " + jar + " (run the tests with ./mvnw verify)");
        }
        List<String> options = new ArrayList<>();
        options.add("-Xmx512m");
        // a line per batch, so the log of a failed test shows what the worker was doing
        options.add("-Dlogging.level.io.grizz.worker.ingest.MessageWriteListener=debug");
        options.addAll(List.of(jvmOptions));
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("SERVER_PORT", "0");
        try {
            Path log = Files.createTempFile("grizz-worker-", ".log");
            return new WorkerProcess(WorkerJarProcess.start(jar, options, env, log), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the worker's log file", e);
        }
    }

    /** SIGKILL: no shutdown hook, no commit, nothing flushed. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM, then the exit code. */
    public int terminate(Duration within) {
        return process.terminate(within)
                .orElseThrow(() -> new AssertionError("worker did not exit within " + within + "; log: " + log));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
