package io.grizz.compose;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real PgBouncer (Debian's {@code pgbouncer} package, {@value #BINARY_PATH}) in front of a {@link PostgresServer},
 * on a free port of 127.0.0.1, so tests run the worker through the pooler it meets in production (SPEC §1) and can
 * stop or restart the pooler alone. Like PostgreSQL it runs as {@code nobody} when this JVM is root
 * (see {@link ServerUser}). Authentication is {@code trust}.
 *
 * <p>{@link #jdbcUrl(String)} is a plain URL: in transaction mode the client must itself avoid server-side prepared
 * statements (pgjdbc {@code prepareThreshold=0}), as the worker does with {@code DATABASE_POOLER_MODE=transaction}.
 */
public final class PgBouncer implements AutoCloseable {

    static final String BINARY_PATH = "/usr/sbin/pgbouncer";

    private static final Logger log = LoggerFactory.getLogger(PgBouncer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** PgBouncer's {@code pool_mode}. */
    public enum PoolMode {
        /** A server connection per client connection, for as long as it is open: what the worker expects. */
        SESSION,
        /** A server connection per transaction: no session state, no server-side prepared statements. */
        TRANSACTION
    }

    /** Pool settings; immutable, each method returns a changed copy. */
    public static final class Options {

        private final Map<String, String> settings;

        private Options(Map<String, String> settings) {
            this.settings = settings;
        }

        /** max_client_conn 1000, default_pool_size 20. */
        public static Options defaults() {
            return new Options(Map.of("max_client_conn", "1000", "default_pool_size", "20"));
        }

        /** Server connections per database and user ({@code default_pool_size}). */
        public Options poolSize(int size) {
            return setting("default_pool_size", Integer.toString(size));
        }

        /** Any other line of the {@code [pgbouncer]} section. */
        public Options setting(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(settings);
            changed.put(name, value);
            return new Options(Map.copyOf(changed));
        }
    }

    private final PostgresServer postgres;
    private final PoolMode poolMode;
    private final Path home;
    private final Path configFile;
    private final Path logFile;
    private final int port;
    private ChildProcess process;
    private boolean closed;

    private PgBouncer(PostgresServer postgres, PoolMode poolMode, Options options, Path home, int port) {
        this.postgres = postgres;
        this.poolMode = poolMode;
        this.home = home;
        this.configFile = home.resolve("pgbouncer.ini");
        this.logFile = home.resolve("pgbouncer.log");
        this.port = port;
        Dirs.write(configFile, config(options));
        Dirs.write(home.resolve("userlist.txt"), "\"" + postgres.username() + "\" \"" + postgres.password() + "\"\n");
        ServerUser.own(home);
    }

    /** Whether PgBouncer is installed here ({@code apt-get install -y pgbouncer}). */
    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY_PATH));
    }

    public static PgBouncer start(PostgresServer postgres, PoolMode poolMode) {
        return start(postgres, poolMode, Options.defaults());
    }

    /** Starts a PgBouncer for all databases of {@code postgres}; {@link #close()} stops it and deletes its files. */
    public static PgBouncer start(PostgresServer postgres, PoolMode poolMode, Options options) {
        if (!available()) {
            throw new IllegalStateException(BINARY_PATH + " not found; install it with: apt-get install -y pgbouncer");
        }
        PgBouncer pgBouncer = new PgBouncer(postgres, poolMode, options, Dirs.createTemp("grizz-pgbouncer-"), FreePorts.pick());
        ExitCleanup.register(pgBouncer);
        try {
            pgBouncer.start();
            return pgBouncer;
        } catch (RuntimeException e) {
            pgBouncer.close();
            throw e;
        }
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    public PoolMode poolMode() {
        return poolMode;
    }

    /** The JDBC URL of {@code database} through this pooler. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public String username() {
        return postgres.username();
    }

    public String password() {
        return postgres.password();
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts PgBouncer again after {@link #stop()} or {@link #kill()}, on the same port. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PgBouncer on port " + port + " was closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("PgBouncer on port " + port + " is already running");
        }
        long started = System.nanoTime();
        process = ChildProcess.start("PgBouncer", ServerUser.wrap(List.of(BINARY_PATH, configFile.toString())),
                Map.of(), logFile, "TERM", home);
        awaitReady();
        log.info("PgBouncer ({} mode) ready on {}:{} in front of PostgreSQL on port {} in {} ms (log {})",
                poolMode.name().toLowerCase(Locale.ROOT), host(), port, postgres.port(), (System.nanoTime() - started) / 1_000_000, logFile);
    }

    /** Immediate shutdown (SIGTERM): open client connections are cut, as when a pooler goes away. */
    public synchronized void stop() {
        if (isRunning() && !process.stop("TERM", STOP_TIMEOUT)) {
            log.warn("PgBouncer on port {} did not stop within {} s and was killed", port, STOP_TIMEOUT.toSeconds());
        }
    }

    public synchronized void restart() {
        stop();
        start();
    }

    /** SIGKILL, a crash. */
    public synchronized void kill() {
        if (isRunning()) {
            process.kill();
        }
    }

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

    @Override
    public String toString() {
        return "PgBouncer on " + host() + ":" + port + " (" + home + ")";
    }

    private String config(Options options) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addr", host());
        settings.put("listen_port", Integer.toString(port));
        settings.put("unix_socket_dir", "");
        settings.put("auth_type", "trust");
        settings.put("auth_file", home.resolve("userlist.txt").toString());
        settings.put("admin_users", postgres.username());
        settings.put("pool_mode", poolMode.name().toLowerCase(Locale.ROOT));
        // pgjdbc sends extra_float_digits at start-up; PgBouncer rejects unknown start-up parameters
        settings.put("ignore_startup_parameters", "extra_float_digits");
        settings.putAll(options.settings);
        return "[databases]\n* = host=" + postgres.host() + " port=" + postgres.port() + "\n\n[pgbouncer]\n"
                + settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with code " + process.exitCode()
                        + " while starting on port " + port + "; " + process.logHint());
            }
            try (Connection ignored = PostgresDatabases.connect(jdbcUrl("postgres") + "?prepareThreshold=0",
                    username(), password())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            Pause.sleep(Duration.ofMillis(50));
        }
        process.kill();
        throw new IllegalStateException("PgBouncer did not accept connections on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + " s (last error: " + (last == null ? "none" : last.getMessage()) + "); "
                + process.logHint());
    }
}
