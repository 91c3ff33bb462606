package io.grizz.compose.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The worker's executable jar run as a child JVM ({@code java <options> -jar grizz-worker.jar}, from its
 * {@link StartupArchive} when there is one) with the
 * docs/contract.md §6
 * variables: what dev mode, the load harness and the worker's own process tests all start. Like the servers of the
 * local stack it runs in its own session and is killed by a watchdog should this JVM die first (see
 * {@link ChildProcess}).
 */
public final class WorkerJarProcess implements AutoCloseable {

    private final ChildProcess process;

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private WorkerJarProcess(ChildProcess process) {
        this.process = process;
    }

    /**
     * @param jvmOptions options before {@code -jar}, e.g. {@code -Xmx512m}
     * @param env        added to this JVM's environment
     * @param logFile    where stdout and stderr are appended; {@code null} to inherit this JVM's console
     */
    public static WorkerJarProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launchArguments(jar, jvmOptions));
        WorkerJarProcess worker =
                new WorkerJarProcess(ChildProcess.start("worker", command, env, logFile, "TERM", null));
        // stopped at exit newest first, so before the servers it uses (dev mode's Ctrl-C, a harness run cut short)
        ExitCleanup.register(worker);
        return worker;
    }

    /**
     * {@code -jar} and the jar, from its {@link StartupArchive} when the build left one beside it: dev mode, the
     * load harness and the tests start the worker the way the image does, with the archive this JVM reads.
     */
    public static List<String> launchArguments(Path jar, List<String> jvmOptions) {
        int javaFeature = Runtime.version().feature();
        return StartupArchive.beside(jar)
                .map(archive -> archive.launchArguments(javaFeature, jvmOptions))
                .orElse(List.of("-jar", jar.toString()));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the worker exits by itself and returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * SIGTERM, as in production, then up to {@code grace} for the worker to exit.
     *
     * @return its exit code, or empty if it did not exit in time and was killed
     */
    public OptionalInt terminate(Duration grace) {
        return process.stop("TERM", grace) ? OptionalInt.of(process.exitCode()) : OptionalInt.empty();
    }

    /** SIGKILL, as when a machine or container dies: no shutdown hook, no commit, nothing flushed. */
    public void kill() {
        process.kill();
    }

    /** Stops the worker if it still runs (SIGTERM, 30 s, then SIGKILL), and its watchdog. */
    @Override
    public void close() {
        ExitCleanup.unregister(this);
        if (process.isAlive()) {
            terminate(STOP_GRACE);
        }
        kill();
    }

    @Override
    public String toString() {
        return "the worker (pid " + pid() + ")";
    }
}
