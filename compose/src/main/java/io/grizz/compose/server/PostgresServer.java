package io.grizz.compose.server;

import io.grizz.compose.process.ChildProcess;
import io.grizz.compose.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central, see {@link PostgresBinaries}, or a directory of
 * binaries of one's own, see {@link Options#binaries(Path)}) on a free port of 127.0.0.1, with its data directory
 * under java.io.tmpdir.
 *
 * <p>The processes are ours rather than zonky's {@code EmbeddedPostgres} because tests stop, crash and restart the
 * server on the same port and data directory, and because it must run as root too: then initdb and postgres run as
 * {@code nobody} (see {@link ServerUser}). Authentication is {@code trust} for user {@value #USER}; any password
 * works. {@link #stop()} is PostgreSQL's fast shutdown (SIGINT: disconnect clients, checkpoint, exit); {@link #kill()}
 * sends SIGKILL to the postmaster and all its backends, and the next {@link #start()} recovers.
 */
public final class PostgresServer extends LocalServer {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** How the server is set up; immutable, each method returns a changed copy. */
    public static final class Options {

        private final boolean fsync;
        private final Path sslCertificate;
        private final Path sslKey;
        private final Map<String, String> settings;
        private final Path binaries;

        private Options(boolean fsync, Path sslCertificate, Path sslKey, Map<String, String> settings, Path binaries) {
            this.fsync = fsync;
            this.sslCertificate = sslCertificate;
            this.sslKey = sslKey;
            this.settings = settings;
            this.binaries = binaries;
        }

        /**
         * Durable (fsync and synchronous_commit on), max_connections 300, shared_buffers 256MB, no SSL, zonky's
         * binaries.
         */
        public static Options defaults() {
            return new Options(true, null, null, Map.of(), null);
        }

        /**
         * fsync off speeds up tests that create many databases and commit often. Committed data still survives a
         * crash of the server process ({@link #kill()}); only an operating-system crash could lose it.
         */
        public Options fsync(boolean on) {
            return new Options(on, sslCertificate, sslKey, settings, binaries);
        }

        /** Serves SSL ({@code ssl=on}) with this PEM certificate and unencrypted PEM key. */
        public Options ssl(Path certificate, Path privateKey) {
            return new Options(fsync, certificate, privateKey, settings, binaries);
        }

        /** Any other server setting, passed as {@code -c name=value}; overrides the defaults above. */
        public Options setting(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(settings);
            changed.put(name, value);
            return new Options(fsync, sslCertificate, sslKey, Map.copyOf(changed), binaries);
        }

        /**
         * Runs {@code initdb} and {@code postgres} from this directory instead of zonky's bundle, e.g. a
         * distribution's {@code /usr/lib/postgresql/15/bin}: to measure the server a deployment really runs, whose
         * version and build differ from the bundle's. Null means zonky's.
         */
        public Options binaries(Path binDirectory) {
            return new Options(fsync, sslCertificate, sslKey, settings, binDirectory);
        }

        /** The directory {@code initdb} and {@code postgres} come from, or null for zonky's bundle. */
        public Path binaries() {
            return binaries;
        }

        private Path program(String name) {
            if (binaries == null) {
                return PostgresBinaries.bin(name);
            }
            Path program = binaries.resolve(name);
            if (!Files.isExecutable(program)) {
                throw new IllegalArgumentException("No PostgreSQL program " + name + " in " + binaries);
            }
            return program;
        }
    }

    private final Options options;
    private final Path dataDirectory;
    private final PostgresServer primary;
    private final String slot;
    private String version;

    private PostgresServer(Options options, Path home, int port, PostgresServer primary, String slot) {
        super("PostgreSQL", home, port, home.resolve("postgres.log"), "INT", STOP_TIMEOUT);
        this.options = options;
        this.dataDirectory = home.resolve("data");
        this.primary = primary;
        this.slot = slot;
    }

    /** Initialises a new data directory and starts a server on it; {@link #close()} deletes it again. */
    public static PostgresServer start(Options options) {
        return launch(
                new PostgresServer(options, Dirs.createTemp("grizz-postgres-"), FreePorts.pick(), null, null),
                PostgresServer::initdb);
    }

    /**
     * Starts a hot standby of {@code primary}: an online base backup of it (see {@link BaseBackup}), streaming WAL
     * through a physical replication slot of its own, on another free port, with the primary's binaries and
     * settings. Read-only; {@code hot_standby_feedback} is on, so the primary's vacuum does not cancel a read
     * running here. Every database of the primary is there, and follows it within moments.
     * {@link #close()} deletes the standby and drops its slot.
     */
    public static PostgresServer startStandby(PostgresServer primary) {
        int port = FreePorts.pick();
        String slot = "grizz_standby_" + port;
        Options options = primary.options.setting("hot_standby", "on").setting("hot_standby_feedback", "on");
        return launch(
                new PostgresServer(options, Dirs.createTemp("grizz-postgres-standby-"), port, primary, slot),
                standby -> {
                    BaseBackup.take(primary, slot, standby.dataDirectory);
                    ServerUser.own(standby.home);
                });
    }

    /** Whether this server is a standby started by {@link #startStandby}. */
    public boolean isStandby() {
        return primary != null;
    }

    public String host() {
        return FreePorts.LOOPBACK;
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

    @Override
    public String toString() {
        return (isStandby() ? "PostgreSQL standby on " : "PostgreSQL on ") + host() + ":" + port + " (" + home + ")";
    }

    @Override
    public synchronized void close() {
        super.close();
        if (isStandby()) {
            BaseBackup.dropSlot(primary, slot);
        }
    }

    private void initdb() {
        ServerUser.own(home);
        List<String> command = new ArrayList<>(List.of(
                options.program("initdb").toString(),
                "-D",
                dataDirectory.toString(),
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--locale=C",
                "--no-instructions"));
        if (!options.fsync) {
            command.add("--no-sync");
        }
        ChildProcess initdb = ChildProcess.start(
                "initdb", ServerUser.wrap(command), Map.of(), home.resolve("initdb.log"), "TERM", home);
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
            for (Map.Entry<Path, String> file : Map.of(
                            options.sslCertificate, "server.crt", options.sslKey, "server.key")
                    .entrySet()) {
                Path target = dataDirectory.resolve(file.getValue());
                Files.copy(file.getKey(), target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                ServerUser.own(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the SSL certificate and key into " + dataDirectory, e);
        }
    }

    @Override
    protected List<String> command() {
        return ServerUser.wrap(postgresCommand());
    }

    @Override
    protected synchronized void awaitReady() {
        version = awaitConnection(jdbcUrl("postgres"), USER, PASSWORD, READY_TIMEOUT);
    }

    @Override
    protected String readyMessage(long startMillis) {
        return (isStandby() ? "PostgreSQL standby of port " + primary.port() + ", " : "PostgreSQL ") + version
                + " ready on " + host() + ":" + port + " in " + startMillis + " ms (data " + dataDirectory + ", log "
                + logFile + ")";
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
        List<String> command = new ArrayList<>(List.of(
                options.program("postgres").toString(),
                "-D",
                dataDirectory.toString(),
                "-p",
                Integer.toString(port),
                "-k",
                home.toString()));
        settings.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        return command;
    }
}
