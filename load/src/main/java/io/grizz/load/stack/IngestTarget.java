package io.grizz.load.stack;

import io.grizz.compose.process.WorkerJarProcess;
import io.grizz.compose.server.PgBouncer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Kafka, PostgreSQL and a worker consuming between them, for the commands that publish and wait (burst, steady,
 * replay): either the local stack with a worker of the harness's own, or servers and a worker someone else runs.
 */
public final class IngestTarget implements AutoCloseable {

    private static final String DATABASE = "grizz_load";

    private final String bootstrapServers;
    private final String topic;
    private final String consumerGroup;
    private final Database database;
    private final LocalServers servers;
    private final WorkerProcess worker;
    private final Map<String, String> description;

    private IngestTarget(
            String bootstrapServers,
            String topic,
            String consumerGroup,
            Database database,
            LocalServers servers,
            WorkerProcess worker,
            Map<String, String> description) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.consumerGroup = consumerGroup;
        this.database = database;
        this.servers = servers;
        this.worker = worker;
        this.description = description;
    }

    /**
     * Starts the local stack (PostgreSQL from {@code postgresBinaries}, zonky's when null, with
     * {@code postgresSettings} beyond its defaults), a topic of
     * {@code partitions} partitions for this run, and the worker.
     */
    public static IngestTarget local(
            Map<String, String> postgresSettings,
            Path postgresBinaries,
            PgBouncer.PoolMode poolMode,
            WorkerSettings settings,
            int partitions,
            int brokers,
            Duration databaseRoundTrip,
            String runId) {
        LocalServers servers =
                LocalServers.start(postgresSettings, postgresBinaries, poolMode, brokers, databaseRoundTrip);
        try {
            LocalIngest ingest = new LocalIngest(servers, DATABASE, "load-" + runId, "grizz-load-" + runId);
            Database database = servers.freshDatabase(DATABASE);
            servers.createTopic(ingest.topic(), partitions);
            WorkerProcess worker = WorkerProcess.start(settings, ingest.workerEnvironment(), "worker-" + runId);
            Map<String, String> description = new LinkedHashMap<>();
            description.put("stack", servers.toString());
            description.put("topic", ingest.topic() + " (" + partitions + " partitions)");
            description.put(
                    "worker",
                    "java -Xmx" + settings.heap() + " "
                            + String.join(" ", WorkerJarProcess.launchArguments(settings.jar(), settings.javaOptions()))
                            + ", pid "
                            + worker.pid()
                            + (settings.ingestConcurrency() == null
                                    ? ""
                                    : ", GRIZZ_INGEST_CONCURRENCY=" + settings.ingestConcurrency()));
            description.put("worker_database_url", ingest.workerEnvironment().get("DATABASE_URL"));
            description.put("worker_log", worker.log().toAbsolutePath().toString());
            return new IngestTarget(
                    servers.bootstrapServers(),
                    ingest.topic(),
                    ingest.consumerGroup(),
                    database,
                    servers,
                    worker,
                    description);
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** Uses servers and a worker that are already running; starts nothing. */
    public static IngestTarget external(ExternalServers external) {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("stack", "external (docs/contract.md §6 variables)");
        description.put("kafka", external.bootstrapServers());
        description.put("database_url", external.database().jdbcUrl());
        description.put("topic", external.topic());
        description.put("consumer_group", external.consumerGroup());
        // the servers are someone else's: say what this run leaves in them, and how to tell it apart
        description.put(
                "left_behind",
                "this run's events on " + external.topic() + " (header grizz-load-run = the run "
                        + "id), their rows in the database, and one readiness-probe row per partition "
                        + "(metadata load_probe "
                        + "= the run id); the worker's consumer group " + external.consumerGroup()
                        + " has consumed them");
        return new IngestTarget(
                external.bootstrapServers(),
                external.topic(),
                external.consumerGroup(),
                external.database(),
                null,
                null,
                description);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    /** Where the oracle reads: PostgreSQL itself on the local stack. */
    public Database database() {
        return database;
    }

    /** The harness's own worker, or null against an external one. */
    public WorkerProcess worker() {
        return worker;
    }

    /** False once the harness's own worker has exited; an external one is assumed alive. */
    public boolean workerAlive() {
        return worker == null || worker.isAlive();
    }

    /** The processes to account CPU time for: the local stack's and the worker's; none of an external stack. */
    public Map<String, DoubleSupplier> cpuSources() {
        return servers == null ? Map.of() : CpuSources.of(servers, worker);
    }

    public Map<String, String> description() {
        return description;
    }

    /** Stops the worker (SIGTERM) and then the stack, if they are the harness's. */
    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }
}
