package io.grizz.load.cli;

import io.grizz.compose.process.WorkerJar;
import io.grizz.compose.server.PgBouncer;
import io.grizz.load.kafka.Compression;
import io.grizz.load.stack.ExternalServers;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.stack.LocalServers;
import io.grizz.load.stack.Servers;
import io.grizz.load.stack.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which servers a command runs against, and how the harness runs its own worker. */
public final class StackOptions {

    /** Where the servers come from. */
    public enum Stack {
        /** external when DATABASE_URL or KAFKA_BOOTSTRAP_SERVERS is set, local otherwise */
        auto,
        /** start Kafka, PostgreSQL, PgBouncer and a worker here */
        local,
        /** use the servers and the worker named by the docs/contract.md §6 variables; start nothing */
        external
    }

    @Option(
            names = "--stack",
            defaultValue = "auto",
            description = "auto, local or external (default: ${DEFAULT-VALUE}: "
                    + "external when DATABASE_URL or KAFKA_BOOTSTRAP_SERVERS is set)")
    Stack stack;

    @Option(
            names = "--worker-jar",
            description = "the worker jar (default: worker/target/grizz-worker.jar here or above)")
    Path workerJar;

    @Option(
            names = "--worker-heap",
            defaultValue = "512m",
            description = "the worker's -Xmx (default: ${DEFAULT-VALUE})")
    String workerHeap;

    @Option(
            names = "--worker-java-option",
            description = "an extra JVM option for the worker, e.g. "
                    + "-XX:StartFlightRecording=filename=worker.jfr (repeatable)")
    List<String> workerJavaOptions = new ArrayList<>();

    @Option(
            names = "--ingest-concurrency",
            description = "GRIZZ_INGEST_CONCURRENCY for the worker (default: the worker's own)")
    Integer ingestConcurrency;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "partitions of the run's topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--brokers",
            defaultValue = "1",
            paramLabel = "N",
            description = "Kafka brokers of the local stack: 1, or a KRaft cluster of N (3: topics with replication "
                    + "factor 3 and min.insync.replicas 2, as production runs them) (default: ${DEFAULT-VALUE})")
    int brokers;

    @Option(
            names = "--postgres-setting",
            paramLabel = "NAME=VALUE",
            description = "a server setting for the local "
                    + "PostgreSQL, e.g. shared_preload_libraries=pg_stat_statements (repeatable)")
    Map<String, String> postgresSettings = new LinkedHashMap<>();

    @Option(
            names = "--postgres-bin",
            paramLabel = "DIR",
            description = "run the local PostgreSQL from the initdb and postgres in this directory, e.g. Debian's "
                    + "/usr/lib/postgresql/15/bin, in a fresh data directory of its own on a free port "
                    + "(default: the embedded PostgreSQL 17 the tests use)")
    Path postgresBinaries;

    @Option(
            names = "--pool-mode",
            paramLabel = "MODE",
            defaultValue = "SESSION",
            description = "PgBouncer's pool_mode on the local stack, told to the worker as DATABASE_POOLER_MODE: "
                    + "${COMPLETION-CANDIDATES}, either case (default: session)")
    PgBouncer.PoolMode poolMode;

    @Option(
            names = "--db-rtt",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "put the local PostgreSQL and PgBouncer across a network of this round-trip time, "
                    + "e.g. 2ms or 10ms: the worker's and the harness's connections to them go through a delay "
                    + "line (docs/load-harness.md); 0ms measures the line's own cost (default: loopback, no line)")
    Duration databaseRoundTrip;

    @Option(
            names = "--compression",
            paramLabel = "TYPE",
            defaultValue = "none",
            description = "compression.type of the harness's producers, which the worker then decompresses: "
                    + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Compression compression;

    @Option(
            names = "--stall-timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "give up waiting when the worker commits nothing for this long (default: ${DEFAULT-VALUE})")
    Duration stallTimeout;

    /** Whether to use the servers of the environment; refuses {@code --db-rtt} for them, which has no effect there. */
    public boolean external(Map<String, String> env) {
        boolean external = stack == Stack.external || (stack == Stack.auto && ExternalServers.configured(env));
        if (external && databaseRoundTrip != null) {
            throw new IllegalArgumentException("--db-rtt puts the local stack's database across a network; with "
                    + "--stack external (or DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS set) the network is the real one: "
                    + "drop --db-rtt or pass --stack local");
        }
        return external;
    }

    /** The local stack with the harness's own worker, or the external servers and worker (starting nothing). */
    public IngestTarget openIngest(Path logDirectory, String runId) {
        Map<String, String> env = System.getenv();
        if (external(env)) {
            return IngestTarget.external(ExternalServers.fromEnvironment(env, true));
        }
        return IngestTarget.local(
                postgresSettings,
                postgresBinaries,
                poolMode,
                workerSettings(logDirectory),
                partitions,
                brokers,
                databaseRoundTrip,
                runId);
    }

    /**
     * The database servers for a baseline ({@code ceiling}, {@code direct}): the environment's when it names them
     * (no Kafka needed), the local stack otherwise. The one place these commands choose between the two.
     */
    public Servers openServers() {
        Map<String, String> env = System.getenv();
        return external(env) ? ExternalServers.fromEnvironment(env, false) : startLocal();
    }

    /** The local servers, without a worker, for the commands that start it themselves. */
    public LocalServers startLocal() {
        return LocalServers.start(postgresSettings, postgresBinaries, poolMode, brokers, databaseRoundTrip);
    }

    /** Fails with a message a user can act on when a local-only command is pointed at external servers. */
    public void requireLocal(String command) {
        if (external(System.getenv())) {
            throw new IllegalArgumentException(
                    command + " starts the worker itself, so it runs on the local stack only; "
                            + "unset DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS or pass --stack local");
        }
    }

    public WorkerSettings workerSettings(Path logDirectory) {
        return new WorkerSettings(
                WorkerJar.locate(workerJar, Path.of("").toAbsolutePath()),
                workerHeap,
                List.copyOf(workerJavaOptions),
                ingestConcurrency,
                logDirectory);
    }

    public Compression compression() {
        return compression;
    }

    public int partitions() {
        return partitions;
    }

    public Duration stallTimeout() {
        return stallTimeout;
    }
}
