package io.grizz.compose;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central, see {@link PostgresBinaries}) on a free port of
 * 127.0.0.1, with its data directory under java.io.tmpdir.
 *
 * <p>The processes are ours rather than zonky's {@code EmbeddedPostgres} because tests stop, crash and restart the
 * server on the same port and data directory, and because it must run as root too: then initdb and postgres run as
 * {@code nobody} (see {@link ServerUser}). Authentication is {@code trust} for user {@value #USER}; any password
 * works.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** How the server is set up; immutable, each method returns a changed copy. */
    public static final class Options {

        private final boolean fsync;
        private final Path sslCertificate;
        private final Path sslKey;
        private final Map<String, String> settings;

        private Options(boolean fsync, Path sslCertificate, Path sslKey, Map<String, String> settings) {
            this.fsync = fsync;
            this.sslCertificate = sslCertificate;
            this.sslKey = sslKey;
            this.settings = settings;
        }

        /** Durable (fsync and synchronous_commit on), max_connections 300, shared_buffers 256MB, no SSL. */
        public static Options defaults() {
            return new Options(true, null, null, Map.of());
        }

        /**
         * fsync off speeds up tests that create many databases and commit often. Committed data still survives a
         * crash of the server process ({@link #kill()}); only an operating-system crash could lose it.
         */
        public Options fsync(boolean on) {
            return new Options(on, sslCertificate, sslKey, settings);
        }

        /** Serves SSL ({@code ssl=on}) with this PEM certificate and unencrypted PEM key. */
        public Options ssl(Path certificate, Path privateKey) {
            return new Options(fsync, certificate, privateKey, settings);
        }

        /** Any other server setting, passed as {@code -c name=value}; overrides the defaults above. */
        public Options setting(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(settings);
            changed.put(name, value);
            return new Options(fsync, sslCertificate, sslKey, Map.copyOf(changed));
        }
    }

    private final Options options;
    private final Path home;
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private ChildProcess process;
    private String version;
    private boolean closed;

    private PostgresServer(Options options, Path home, int port) {
        this.options = options;
        this.home = home;
        this.dataDirectory = home.resolve("data");
        this.logFile = home.resolve("postgres.log");
        this.port = port;
    }

    /** Initialises a new data directory and starts a server on it; {@link #close()} deletes it again. */
    public static PostgresServer start(Options options) {
        PostgresServer server = new PostgresServer(options, Dirs.createTemp("grizz-postgres-"), FreePorts.pick());
        ExitCleanup.register(server);
        try {
            server.initdb();
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** Creates database {@code name} (dropping an old one of that name) and returns its JDBC URL. */
    public String createDatabase(String name) {
        PostgresDatabases.recreate(jdbcUrl("postgres"), USER, PASSWORD, name);
        return jdbcUrl(name);
    }

    /** The server's version, e.g. "17.6". */
    public synchronized String version() {
        return version;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again (after {@link #stop()} or {@link #kill()}) on the same port and data directory. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " was closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is already running");
        }
        long started = System.nanoTime();
        process = ChildProcess.start("PostgreSQL", ServerUser.wrap(postgresCommand()), Map.of(), logFile, "INT", home);
        awaitReady();
        log.info("PostgreSQL {} ready on {}:{} in {} ms (data {}, log {})", version, host(), port,
                (System.nanoTime() - started) / 1_000_000, dataDirectory, logFile);
    }

    /** Fast shutdown (SIGINT: disconnect clients, checkpoint, exit), waiting until the server has exited. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        long started = System.nanoTime();
        if (process.stop("INT", STOP_TIMEOUT)) {
            log.info("PostgreSQL on port {} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("PostgreSQL on port {} did not stop within {} s and was killed", port, STOP_TIMEOUT.toSeconds());
        }
    }

    /** Crashes the server: SIGKILL to the postmaster and all its backends. {@link #start()} then recovers. */
    public synchronized void kill() {
        if (isRunning()) {
            process.kill();
        }
    }

    /** Stops the server and deletes its data directory. */
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
        return "PostgreSQL on " + host() + ":" + port + " (" + home + ")";
    }

    private void initdb() {
        ServerUser.own(home);
        List<String> command = new ArrayList<>(List.of(PostgresBinaries.bin("initdb").toString(),
                "-D", dataDirectory.toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C",
                "--no-instructions"));
        if (!options.fsync) {
            command.add("--no-sync");
        }
        ChildProcess initdb = ChildProcess.start("initdb", ServerUser.wrap(command), Map.of(),
                home.resolve("initdb.log"), "TERM", home);
        if (!initdb.awaitExit(READY_TIMEOUT) || initdb.exitCode() != 0) {
            initdb.kill();
            throw new IllegalStateException("initdb failed for " + dataDirectory + "; " + initdb.logHint());
        }
        if (options.sslCertificate != null) {
            installSslFiles();
        }
    }

    private void installSslFiles() {
        try {
            for (Map.Entry<Path, String> file : Map.of(options.sslCertificate, "server.crt", options.sslKey, "server.key").entrySet()) {
                Path target = dataDirectory.resolve(file.getValue());
                Files.copy(file.getKey(), target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                ServerUser.own(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the SSL certificate and key into " + dataDirectory, e);
        }
    }

    private List<String> postgresCommand() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", host());
        settings.put("max_connections", "300");
        settings.put("shared_buffers", "256MB");
        settings.put("fsync", options.fsync ? "on" : "off");
        settings.put("synchronous_commit", "on");
        if (options.sslCertificate != null) {
            settings.put("ssl", "on");
        }
        settings.putAll(options.settings);
        List<String> command = new ArrayList<>(List.of(PostgresBinaries.bin("postgres").toString(),
                "-D", dataDirectory.toString(), "-p", Integer.toString(port), "-k", home.toString()));
        settings.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + process.exitCode()
                        + " while starting on port " + port + "; " + process.logHint());
            }
            try (Connection connection = PostgresDatabases.connect(jdbcUrl("postgres"), USER, PASSWORD)) {
                version = connection.getMetaData().getDatabaseProductVersion();
                return;
            } catch (SQLException e) {
                last = e;
            }
            Pause.sleep(Duration.ofMillis(50));
        }
        process.kill();
        throw new IllegalStateException("PostgreSQL did not accept connections on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + " s (last error: " + (last == null ? "none" : last.getMessage()) + "); "
                + process.logHint());
    }
}
