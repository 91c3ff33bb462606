package io.grizz.compose.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server process we own: started in its own session, its output appended to a log file (or inherited), guarded
 * by an {@link OrphanWatchdog}, and stopped with the signal that server treats as a clean shutdown.
 *
 * <p>Why its own session ({@code setsid}): Ctrl-C in a terminal signals the whole foreground process group. Dev mode
 * must stop the worker first and only then Kafka and PostgreSQL, which it can only do if they do not get the
 * terminal's SIGINT themselves.
 */
public final class ChildProcess {

    private static final String SETSID = "/usr/bin/setsid";
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Process watchdog;

    private ChildProcess(String name, Process process, Path logFile, Process watchdog) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.watchdog = watchdog;
    }

    /**
     * Starts {@code command}.
     *
     * @param env          added to this JVM's environment
     * @param logFile      where stdout and stderr are appended; {@code null} to inherit this JVM's
     * @param orphanSignal what the watchdog sends if this JVM dies without stopping the process (TERM, INT, ...)
     * @param leftovers    what the watchdog deletes after that; {@code null} for nothing
     */
    public static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Path logFile,
            String orphanSignal,
            Path leftovers) {
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(command));
        builder.environment().putAll(env);
        if (logFile == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            return new ChildProcess(
                    name, process, logFile, OrphanWatchdog.guard(process.pid(), orphanSignal, leftovers));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(Path.of(SETSID))) {
            return command;
        }
        List<String> result = new ArrayList<>();
        result.add(SETSID);
        result.addAll(command);
        return result;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends {@code signal} (a name such as INT or TERM) to the process. */
    void signal(String signal) {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + process.pid())
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send SIG" + signal + " to " + name + " (pid " + pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code signal} and waits up to {@code grace} for the process to exit; after that kills it and
     * whatever it started.
     *
     * @return true if it exited within the grace period
     */
    public boolean stop(String signal, Duration grace) {
        signal(signal);
        boolean clean = awaitExit(grace);
        if (!clean) {
            kill();
        }
        watchdog.destroy();
        return clean;
    }

    /** SIGKILL to the process and all its descendants (a crash), waiting until they are gone. */
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(name + ": process " + handle.pid() + " did not die after SIGKILL", e);
            }
        }
        watchdog.destroy();
    }

    /** "see <log file>" and the last lines of it, for exception messages. */
    public String logHint() {
        if (logFile == null) {
            return "its output went to this process's console";
        }
        return "see " + logFile + ", which ends with:\n" + tail(logFile);
    }

    private static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 16_384);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join(
                    "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - LOG_TAIL_LINES), lines.length));
        } catch (IOException e) {
            return "(could not read it: " + e.getMessage() + ")";
        }
    }
}
