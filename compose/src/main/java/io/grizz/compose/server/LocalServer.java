package io.grizz.compose.server;

import io.grizz.compose.process.ChildProcess;
import io.grizz.compose.process.ExitCleanup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every server of the local stack shares: a process on a fixed loopback port with a home directory of
 * its own, which tests stop with the signal production uses, crash with SIGKILL, start again on the same port and
 * files, and finally close (stop, then delete the home). Subclasses say how the process is launched and when it is
 * ready.
 */
abstract class LocalServer implements AutoCloseable {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final String stopSignal;
    private final Duration stopTimeout;
    protected final Path home;
    protected final int port;
    protected final Path logFile;
    private ChildProcess process;
    private boolean closed;

    /**
     * @param name       what the logs and errors call it, e.g. "PostgreSQL"
     * @param stopSignal the signal of a clean stop (the process is killed when it has not exited within stopTimeout)
     */
    LocalServer(String name, Path home, int port, Path logFile, String stopSignal, Duration stopTimeout) {
        this.name = name;
        this.home = home;
        this.port = port;
        this.logFile = logFile;
        this.stopSignal = stopSignal;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Registers {@code server} for clean-up at JVM exit, prepares it (e.g. initdb) and starts it; if any of that
     * fails, it is closed again and the failure rethrown.
     */
    static <T extends LocalServer> T launch(T server, Consumer<T> prepare) {
        ExitCleanup.register(server);
        try {
            prepare.accept(server);
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The command line of the server process. */
    protected abstract List<String> command();

    /** Returns once the server serves; {@link #failIfExited()} and {@link #notReady} are its building blocks. */
    protected abstract void awaitReady();

    /** The log line of a successful start. */
    protected abstract String readyMessage(long startMillis);

    /** The server process's id, for whoever accounts for its CPU or memory; -1 while it is not running. */
    public synchronized long pid() {
        return process == null || !process.isAlive() ? -1 : process.pid();
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again, after {@link #stop()} or {@link #kill()}) on the same port and files. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " on port " + port + " was closed");
        }
        if (isRunning()) {
            throw new IllegalStateException(name + " on port " + port + " is already running");
        }
        long started = System.nanoTime();
        process = ChildProcess.start(name, command(), Map.of(), logFile, stopSignal, home);
        awaitReady();
        log.info(readyMessage((System.nanoTime() - started) / 1_000_000));
    }

    /** A clean stop with the server's own signal, waiting until it has exited (killed after the stop timeout). */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        long started = System.nanoTime();
        if (process.stop(stopSignal, stopTimeout)) {
            log.info("{} on port {} stopped in {} ms", name, port, (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("{} on port {} did not stop within {} s and was killed", name, port, stopTimeout.toSeconds());
        }
    }

    public synchronized void restart() {
        stop();
        start();
    }

    /** A crash: SIGKILL to the process group. {@link #start()} then recovers. */
    public synchronized void kill() {
        if (isRunning()) {
            process.kill();
        }
    }

    /** Stops the server and deletes its home directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        Dirs.deleteRecursively(home);
        ExitCleanup.unregister(this);
    }

    /** For {@link #awaitReady()}: a server that died while starting fails at once, with the tail of its log. */
    protected void failIfExited() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitCode()
                    + " while starting on port " + port + "; " + process.logHint());
        }
    }

    /** For {@link #awaitReady()}: kills the server that did not come up and says why. */
    protected IllegalStateException notReady(String what, Duration timeout, Exception last) {
        process.kill();
        return new IllegalStateException(name + " did not " + what + " within " + timeout.toSeconds()
                + " s (last error: " + (last == null ? "none" : last.getMessage()) + "); " + process.logHint());
    }

    /**
     * For {@link #awaitReady()} of a server that speaks PostgreSQL's protocol: polls until a JDBC connection opens.
     *
     * @return the server's version as the connection reports it
     */
    protected String awaitConnection(String jdbcUrl, String user, String password, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            failIfExited();
            try (Connection connection = PostgresDatabases.connect(jdbcUrl, user, password)) {
                return connection.getMetaData().getDatabaseProductVersion();
            } catch (SQLException e) {
                last = e;
            }
            Pause.sleep(Duration.ofMillis(50));
        }
        throw notReady("accept connections on port " + port, timeout, last);
    }
}
