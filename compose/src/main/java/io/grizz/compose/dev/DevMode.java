package io.grizz.compose.dev;

import io.grizz.compose.process.FreePorts;
import io.grizz.compose.process.StartupArchive;
import io.grizz.compose.process.WorkerEnvironment;
import io.grizz.compose.process.WorkerJar;
import io.grizz.compose.process.WorkerJarProcess;
import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.LocalStack;
import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import io.grizz.contracts.Wire;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * Dev mode (docs/contract.md §6): starts the local stack, creates the topic and the database, prints their addresses
 * (the database's in JDBC and in libpq form) and a read-API token, and runs the worker
 * ({@code java -jar worker/target/grizz-worker.jar}) against them with both roles. It says "ready" once the worker's
 * readiness is UP ({@link ReadinessWatch}). Ctrl-C or SIGTERM stops the worker (SIGTERM, up to 30 s) and then the
 * stack, and exits 0 ({@link StopSignals}); if the worker exits by itself, dev mode stops the stack and exits with
 * the worker's exit code.
 *
 * <p>{@code --brokers 3} starts a Kafka cluster of three brokers instead of one (replication factor 3,
 * {@code min.insync.replicas} 2, see {@link io.grizz.compose.server.KafkaCluster}): slower to start, for trying
 * the worker against a broker's crash.
 *
 * <p>With {@code --read-replica} it also starts a hot standby of the PostgreSQL (see
 * {@link PostgresServer#startStandby}) and points the read API at it ({@code DATABASE_READ_URL}), so the reads of dev
 * mode trail the writes by the standby's lag, as in a deployment with replicas.
 *
 * <pre>java -jar compose/target/grizz-compose-dev.jar [--worker-jar PATH] [--brokers N] [--read-replica]</pre>
 */
public final class DevMode {

    static final int TOPIC_PARTITIONS = 6;
    static final String DATABASE = "grizz";
    static final Duration TOKEN_VALIDITY = Duration.ofHours(24);
    static final Duration WORKER_STOP_GRACE = Duration.ofSeconds(30);
    static final String READY = "=== grizz dev mode: ready";
    static final String READ_REPLICA = "--read-replica";
    static final String USAGE =
            "usage: java -jar compose/target/grizz-compose-dev.jar [--worker-jar PATH] [--brokers N] [" + READ_REPLICA
                    + "]";

    /**
     * The command line: the worker jar (null: found beside the working directory), how many Kafka brokers, and
     * whether the read API reads a hot standby.
     */
    record Arguments(String workerJar, int brokers, boolean readReplica) {}

    private DevMode() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/grizz/compose/dev/dev-logback.xml");
        }
        Path workerJar;
        Arguments arguments;
        try {
            arguments = arguments(args);
            workerJar = WorkerJar.locate(
                    arguments.workerJar() == null ? null : Path.of(arguments.workerJar()),
                    Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("grizz dev mode: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        StopSignals signals = StopSignals.install();
        try {
            Map<String, String> ports = workerPorts(System.getenv());
            System.exit(run(
                    workerJar,
                    System.getenv().getOrDefault("GRIZZ_TOPIC", Wire.DEFAULT_TOPIC),
                    arguments,
                    ports,
                    signals));
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("grizz dev mode failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the stack and the worker until the worker exits, by itself or stopped by a signal, then stops the stack;
     * returns the worker's exit code (0 after a signal: the worker exits 0 on SIGTERM).
     */
    private static int run(
            Path workerJar, String topic, Arguments arguments, Map<String, String> ports, StopSignals signals)
            throws InterruptedException {
        boolean readReplica = arguments.readReplica();
        LocalStack stack = LocalStack.start(
                PostgresServer.Options.defaults(), KafkaBroker.Options.defaults(), arguments.brokers());
        stack.kafka().createTopic(topic, TOPIC_PARTITIONS);
        String directUrl = stack.postgres().createDatabase(DATABASE);
        // registered for exit clean-up by its launcher, like the stack's servers
        PostgresServer standby = readReplica ? PostgresServer.startStandby(stack.postgres()) : null;
        // the product's shape: through PgBouncer in session mode, when it is installed
        PgBouncer bouncer =
                PgBouncer.available() ? PgBouncer.start(stack.postgres(), PgBouncer.PoolMode.SESSION) : null;
        String secret = ReadApiToken.newSecret();
        String subject = UUID.randomUUID().toString();
        String token = ReadApiToken.issue(secret, subject, Wire.SERVICE_SCOPE, Instant.now(), TOKEN_VALIDITY);

        Map<String, String> env = new WorkerEnvironment(
                        stack.kafka().bootstrapServers(),
                        bouncer == null ? directUrl : bouncer.jdbcUrl(DATABASE),
                        bouncer == null ? stack.postgres().username() : bouncer.username(),
                        bouncer == null ? stack.postgres().password() : bouncer.password(),
                        bouncer == null ? "none" : "session",
                        "ingest,read-api",
                        topic,
                        null,
                        secret)
                .variables();
        if (standby != null) {
            env.put("DATABASE_READ_URL", standby.jdbcUrl(DATABASE));
        }
        String port = ports.get("SERVER_PORT");
        System.out.println(banner(stack, bouncer, directUrl, env, port, subject, token));

        // the ports go to the worker, not to the banner's exports: a second worker in that terminal would clash
        Map<String, String> workerEnv = new LinkedHashMap<>(env);
        workerEnv.putAll(ports);
        sayHowToStartFaster(workerJar);
        // registered for exit clean-up by the launcher, so it stops before the stack whatever ends this JVM
        WorkerJarProcess worker = WorkerJarProcess.start(workerJar, List.of(), workerEnv, null);
        signals.onSignal(() -> worker.terminate(WORKER_STOP_GRACE));
        sayReadyOnceReady(worker, port, Integer.parseInt(ports.getOrDefault("MANAGEMENT_SERVER_PORT", port)), signals);

        int exitCode = worker.waitFor();
        LoggerFactory.getLogger(DevMode.class)
                .info(
                        "The worker exited with code {}{}; stopping the local stack",
                        exitCode,
                        signals.received() ? " (stopped by a signal)" : "");
        if (bouncer != null) {
            bouncer.close();
        }
        if (standby != null) {
            standby.close();
        }
        stack.close();
        return exitCode;
    }

    /**
     * Prints {@link #READY} once the worker's readiness is UP, from a thread of its own; nothing if the worker exits
     * or is stopped first.
     */
    /** On a JDK that reads an AOT cache and without one for this jar: the one command that makes it. */
    private static void sayHowToStartFaster(Path workerJar) {
        if (Runtime.version().feature() >= StartupArchive.AOT_CACHE_SINCE
                && StartupArchive.beside(workerJar)
                        .flatMap(StartupArchive::aotCache)
                        .isEmpty()) {
            System.out.println("This is Java " + Runtime.version().feature() + ": the worker starts faster from an AOT"
                    + " cache trained on a real drain; make it once with this JDK's java -jar"
                    + " load/target/grizz-load.jar aot-cache (docs/operations.md, Start-up).");
        }
    }

    private static void sayReadyOnceReady(WorkerJarProcess worker, String port, int actuatorPort, StopSignals signals) {
        long started = System.nanoTime();
        ReadinessWatch readiness = new ReadinessWatch(ReadinessWatch.on(actuatorPort));
        Thread watch = new Thread(
                () -> {
                    try {
                        if (readiness.awaitUp(() -> worker.isAlive() && !signals.received())) {
                            System.out.println(
                                    readyLine(port, readiness.uri(), Duration.ofNanos(System.nanoTime() - started)));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "grizz-dev-readiness");
        watch.setDaemon(true);
        watch.start();
    }

    static String readyLine(String port, URI readiness, Duration afterStart) {
        return "\n" + READY + ": the worker's readiness is UP (" + readiness + ", " + afterStart.toMillis()
                + " ms after its start); the read API is at http://localhost:" + port + " ===\n";
    }

    static String workerJarArgument(String[] args) {
        return arguments(args).workerJar();
    }

    static Arguments arguments(String[] args) {
        String jar = null;
        String brokers = "1";
        boolean readReplica = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--worker-jar") && i + 1 < args.length) {
                jar = args[++i];
            } else if (args[i].startsWith("--worker-jar=")) {
                jar = args[i].substring("--worker-jar=".length());
            } else if (args[i].equals("--brokers") && i + 1 < args.length) {
                brokers = args[++i];
            } else if (args[i].startsWith("--brokers=")) {
                brokers = args[i].substring("--brokers=".length());
            } else if (args[i].equals(READ_REPLICA)) {
                readReplica = true;
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        return new Arguments(jar, brokerCount(brokers), readReplica);
    }

    private static int brokerCount(String value) {
        try {
            int brokers = Integer.parseInt(value.trim());
            if (brokers >= 1) {
                return brokers;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--brokers must be a whole number of at least 1, not '" + value + "'");
    }

    /**
     * The ports the worker listens on, as the variables it is started with: {@code SERVER_PORT} (8080 unless set)
     * and {@code MANAGEMENT_SERVER_PORT} when set, a 0 replaced by a free port, so that dev mode knows where to watch
     * the worker's readiness. Fails before anything starts when a port is taken, naming the variable that moves it:
     * otherwise the stack starts, and the worker fails a minute later with Spring's "Port 8080 was already in use".
     */
    static Map<String, String> workerPorts(Map<String, String> environment) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String variable : List.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT")) {
            String value = environment.getOrDefault(variable, variable.equals("SERVER_PORT") ? "8080" : null);
            if (value == null) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(variable + "=" + value + " is not a port number");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalStateException(variable + "=" + value + " is not a port number");
            }
            if (port != 0 && !FreePorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " is already in use; set " + variable
                        + " to a free port, e.g. " + variable + "=" + FreePorts.pick());
            }
            ports.put(variable, Integer.toString(port == 0 ? FreePorts.pick() : port));
        }
        return ports;
    }

    /**
     * The libpq form ({@code postgresql://user@host:port/database}, for {@code psql "$URL"}) of a JDBC URL of the
     * local stack, whose servers trust the user on loopback: no password in it.
     */
    static String libpqUrl(String jdbcUrl, String user) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String address = jdbcUrl.substring(prefix.length());
        int parameters = address.indexOf('?');
        return "postgresql://" + user + "@" + (parameters < 0 ? address : address.substring(0, parameters));
    }

    private static String banner(
            LocalStack stack,
            PgBouncer bouncer,
            String directUrl,
            Map<String, String> env,
            String port,
            String subject,
            String token) {
        StringBuilder text = new StringBuilder();
        text.append("\n=== grizz dev mode: local stack up in ")
                .append(stack.startupTime().toMillis())
                .append(" ms; the worker is starting, not ready yet ===\n");
        text.append(String.format("  %-12s %s (%d partitions)%n", "topic", env.get("GRIZZ_TOPIC"), TOPIC_PARTITIONS));
        text.append(String.format(
                "  %-12s PostgreSQL %s at %s, data in %s%n",
                "database",
                stack.postgres().version(),
                directUrl,
                stack.postgres().dataDirectory()));
        text.append(String.format(
                "  %-12s psql \"%s\"%n",
                "", libpqUrl(directUrl, stack.postgres().username())));
        text.append(String.format(
                "  %-12s %s%n",
                "pooler",
                bouncer == null
                        ? "none (PgBouncer is not installed: apt-get install pgbouncer puts it in front, "
                                + "in session mode)"
                        : "PgBouncer, session mode, at " + bouncer.jdbcUrl(DATABASE)));
        if (bouncer != null) {
            text.append(String.format(
                    "  %-12s psql \"%s\"%n", "", libpqUrl(bouncer.jdbcUrl(DATABASE), bouncer.username())));
        }
        if (env.containsKey("DATABASE_READ_URL")) {
            text.append(String.format(
                    "  %-12s hot standby at %s: the read API reads there, behind by its lag%n",
                    "replica", env.get("DATABASE_READ_URL")));
        }
        text.append(String.format("  %-12s %s%n", "Kafka", stack.kafka()));
        for (Path log : stack.kafka().logFiles()) {
            text.append(String.format("  %-12s %s%n", "Kafka log", log));
        }
        appendNextSteps(text, env, port, subject, token);
        return text.toString();
    }

    /** The banner's tail: the worker's settings to export, its token, a first tour to try and how to stop. */
    private static void appendNextSteps(
            StringBuilder text, Map<String, String> env, String port, String subject, String token) {
        String user = env.get("DATABASE_USERNAME");
        text.append(
                "\nThe worker's settings, for the load harness and your own tools (paste them in another terminal):\n");
        env.forEach((name, value) ->
                text.append("  export ").append(name).append('=').append(value).append('\n'));
        text.append("  export TOKEN=").append(token).append('\n');
        text.append("  export DATABASE_URL_LIBPQ=")
                .append(libpqUrl(env.get("DATABASE_URL"), user))
                .append("   # DATABASE_URL for psql and libpq: psql \"$DATABASE_URL_LIBPQ\"\n");
        text.append("\nThe token: HS256, sub ")
                .append(subject)
                .append(", scope ")
                .append(Wire.SERVICE_SCOPE)
                .append(", valid ")
                .append(TOKEN_VALIDITY.toHours())
                .append(" h.\n");
        text.append("\nOnce it is ready, send 50 sample events and read one conversation back (the files in a temporary"
                + " directory):\n");
        text.append("  TOUR=$(mktemp -d)\n");
        text.append("  java -jar load/target/grizz-load.jar burst --stack external -n 50 -w 5 --warmup-events 0 "
                + "--record \"$TOUR/events.jsonl\" --report-dir \"$TOUR\"\n");
        text.append("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:")
                .append(port)
                .append("/v1/conversations/$(head -1 \"$TOUR/events.jsonl\" "
                        + "| grep -o '\"conversation_id\":\"[^\"]*\"' | cut -d'\"' -f4)\n");
        text.append("\nStarting the worker; dev mode says it is ready once the worker's readiness is UP. Ctrl-C or"
                + " SIGTERM stops the worker, then the stack, and exits 0.\n");
    }
}
