package io.grizz.worker.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a separate JVM started from the built jar, for tests that must kill it the way
 * production dies (SIGKILL), not close a Spring context politely.
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static WorkerProcess start(Map<String, String> environment, String... jvmOptions) {
        String jar = System.getProperty("grizz.worker.jar", "target/grizz-worker.jar");
        if (!Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("worker jar not found at " + jar + " (run the tests with ./mvnw verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // a line per batch, so the log of a failed test shows what the worker was doing
        command.add("-Dlogging.level.io.grizz.worker.ingest.MessageWriteListener=debug");
        command.addAll(List.of(jvmOptions));
        command.add("-jar");
        command.add(jar);
        try {
            Path log = Files.createTempFile("grizz-worker-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().putIfAbsent("SERVER_PORT", "0");
            return new WorkerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the worker jar " + jar, e);
        }
    }

    /** SIGKILL: no shutdown hook, no commit, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, then the exit code. */
    public int terminate(Duration within) {
        process.destroy();
        if (!waitFor(within)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not exit within " + within + "; log: " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
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

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }
}
