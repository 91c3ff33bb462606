package io.grizz.compose.server;

import io.grizz.compose.process.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real PgBouncer (Debian's {@code pgbouncer} package, {@value #BINARY_PATH}) in front of a {@link PostgresServer},
 * on a free port of 127.0.0.1, so tests run the worker through the pooler it meets in production (docs/contract.md §1)
 * and can
 * stop or restart the pooler alone. Like PostgreSQL it runs as {@code nobody} when this JVM is root
 * (see {@link ServerUser}). Authentication is {@code trust}.
 *
 * <p>{@link #jdbcUrl(String)} is a plain URL: in transaction mode the client must itself avoid server-side prepared
 * statements (pgjdbc {@code prepareThreshold=0}), as the worker does with {@code DATABASE_POOLER_MODE=transaction}.
 * {@link #stop()} is an immediate shutdown (SIGTERM): open client connections are cut, as when a pooler goes away.
 */
public final class PgBouncer extends LocalServer {

    static final String BINARY_PATH = "/usr/sbin/pgbouncer";

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
    private final Path configFile;

    private PgBouncer(PostgresServer postgres, PoolMode poolMode, Options options, Path home, int port) {
        super("PgBouncer", home, port, home.resolve("pgbouncer.log"), "TERM", STOP_TIMEOUT);
        this.postgres = postgres;
        this.poolMode = poolMode;
        this.configFile = home.resolve("pgbouncer.ini");
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
        return launch(
                new PgBouncer(postgres, poolMode, options, Dirs.createTemp("grizz-pgbouncer-"), FreePorts.pick()),
                pgBouncer -> {});
    }

    public String host() {
        return FreePorts.LOOPBACK;
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

    /**
     * PgBouncer's {@code SHOW POOLS} (one row per database and user: {@code cl_active}, {@code cl_waiting},
     * {@code sv_active}, ...), read on its admin console, each value as text.
     */
    public List<Map<String, String>> showPools() {
        return PgBouncerConsole.query(host(), port, username(), password(), "SHOW POOLS");
    }

    public String password() {
        return postgres.password();
    }

    @Override
    public String toString() {
        return "PgBouncer on " + host() + ":" + port + " (" + home + ")";
    }

    @Override
    protected List<String> command() {
        return ServerUser.wrap(List.of(BINARY_PATH, configFile.toString()));
    }

    @Override
    protected void awaitReady() {
        awaitConnection(jdbcUrl("postgres") + "?prepareThreshold=0", username(), password(), READY_TIMEOUT);
    }

    @Override
    protected String readyMessage(long startMillis) {
        return "PgBouncer (" + poolMode.name().toLowerCase(Locale.ROOT) + " mode) ready on " + host() + ":" + port
                + " in front of PostgreSQL on port " + postgres.port() + " in " + startMillis + " ms (log " + logFile
                + ")";
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
                + settings.entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"));
    }
}
