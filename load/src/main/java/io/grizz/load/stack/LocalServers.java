package io.grizz.load.stack;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.KafkaCluster;
import io.grizz.compose.server.LocalStack;
import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The local stack for a harness run: real Kafka (one broker, or a cluster of several: {@code --brokers}) and a real,
 * durable PostgreSQL (from {@code compose/}),
 * and PgBouncer in front of PostgreSQL when it is installed, in session mode as in production (docs/contract.md §1)
 * or in transaction mode.
 */
public final class LocalServers implements Servers {

    /** What the stack line says when PgBouncer is missing: loud, as every pooled figure then means something else. */
    public static final String NO_POOLER = "NO PGBOUNCER (not installed): the worker and direct connect straight to "
            + "PostgreSQL, not the shape the figures are about";

    private final LocalStack stack;
    private final PgBouncer pooler;
    private final Map<String, String> postgresSettings;
    private final Path postgresBinaries;
    private final DelayLine toPostgres;
    private final DelayLine toPooler;

    private LocalServers(
            LocalStack stack,
            PgBouncer pooler,
            Map<String, String> postgresSettings,
            Path postgresBinaries,
            DelayLine toPostgres,
            DelayLine toPooler) {
        this.stack = stack;
        this.pooler = pooler;
        this.postgresSettings = postgresSettings;
        this.postgresBinaries = postgresBinaries;
        this.toPostgres = toPostgres;
        this.toPooler = toPooler;
    }

    /**
     * @param postgresSettings server settings for PostgreSQL beyond compose's durable defaults (e.g.
     *                         {@code shared_preload_libraries=pg_stat_statements}, to see where the database time goes)
     * @param postgresBinaries the directory holding {@code initdb} and {@code postgres} (e.g. Debian's
     *                         {@code /usr/lib/postgresql/15/bin}), or null for zonky's embedded build
     * @param poolMode         PgBouncer's {@code pool_mode}; the worker is told it as {@code DATABASE_POOLER_MODE}
     * @param brokers          Kafka brokers: 1, or a cluster (3: replication factor 3, min.insync.replicas 2)
     * @param databaseRoundTrip null for the database on loopback; otherwise every connection to PostgreSQL and to
     *                         PgBouncer (the worker's, the harness's) goes through a {@link DelayLine} of this round
     *                         trip, as to a database across a network; PgBouncer to PostgreSQL stays on loopback
     */
    public static LocalServers start(
            Map<String, String> postgresSettings,
            Path postgresBinaries,
            PgBouncer.PoolMode poolMode,
            int brokers,
            Duration databaseRoundTrip) {
        PostgresServer.Options postgres = PostgresServer.Options.defaults().binaries(postgresBinaries);
        for (Map.Entry<String, String> setting : postgresSettings.entrySet()) {
            postgres = postgres.setting(setting.getKey(), setting.getValue());
        }
        LocalStack stack = LocalStack.start(postgres, KafkaBroker.Options.defaults(), brokers);
        try {
            PgBouncer pooler = PgBouncer.available() ? PgBouncer.start(stack.postgres(), poolMode) : null;
            if (pooler == null) {
                System.err.println("WARNING: " + NO_POOLER + " (apt-get install -y pgbouncer)");
            }
            DelayLine toPostgres = databaseRoundTrip == null
                    ? null
                    : DelayLine.start(
                            "PostgreSQL",
                            stack.postgres().host(),
                            stack.postgres().port(),
                            databaseRoundTrip);
            DelayLine toPooler = databaseRoundTrip == null || pooler == null
                    ? null
                    : DelayLine.start("PgBouncer", pooler.host(), pooler.port(), databaseRoundTrip);
            return new LocalServers(
                    stack, pooler, Map.copyOf(postgresSettings), postgresBinaries, toPostgres, toPooler);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return stack.kafka().bootstrapServers();
    }

    public void createTopic(String name, int partitions) {
        stack.kafka().createTopic(name, partitions);
    }

    /** Creates (or recreates, empty) database {@code name} and returns PostgreSQL's own address for it. */
    public Database freshDatabase(String name) {
        return new Database(
                acrossNetwork(toPostgres, stack.postgres().createDatabase(name)),
                stack.postgres().username(),
                stack.postgres().password());
    }

    /** A fresh database {@code name} with the worker's schema, reached without the pooler. */
    @Override
    public Database migratedDatabase(String name) {
        Database database = freshDatabase(name);
        SchemaMigration.apply(database);
        return database;
    }

    private static String acrossNetwork(DelayLine line, String jdbcUrl) {
        return line == null ? jdbcUrl : line.relay(jdbcUrl);
    }

    @Override
    public boolean hasPooler() {
        return pooler != null;
    }

    /** Database {@code name} through PgBouncer (session mode), or PostgreSQL itself when PgBouncer is not installed. */
    @Override
    public Database throughPooler(String name) {
        if (pooler == null) {
            return new Database(
                    acrossNetwork(toPostgres, stack.postgres().jdbcUrl(name)),
                    stack.postgres().username(),
                    stack.postgres().password());
        }
        return new Database(acrossNetwork(toPooler, pooler.jdbcUrl(name)), pooler.username(), pooler.password());
    }

    /**
     * The cumulative CPU seconds of each server, found by their command lines (compose does not hand out their
     * process ids): PostgreSQL's postmaster with its backends, the Kafka brokers' JVMs together, PgBouncer. Only
     * PostgreSQL needs its descendants, and only it pays for finding them, which scans every process of the machine.
     */
    public Map<String, DoubleSupplier> cpuSeconds() {
        Map<String, DoubleSupplier> servers = new LinkedHashMap<>();
        ProcessHandle.of(stack.postgres().pid())
                .ifPresent(postmaster -> servers.put(CpuSources.POSTGRESQL, () -> ProcessCpu.seconds(postmaster)));
        List<ProcessHandle> brokers = stack.kafka().brokers().stream()
                .flatMap(broker -> ProcessHandle.of(broker.pid()).stream())
                .toList();
        if (!brokers.isEmpty()) {
            servers.put(
                    "Kafka",
                    () -> brokers.stream().mapToDouble(ProcessCpu::ownSeconds).sum());
        }
        if (pooler != null) {
            ProcessHandle.of(pooler.pid())
                    .ifPresent(bouncer -> servers.put("PgBouncer", () -> ProcessCpu.ownSeconds(bouncer)));
        }
        return servers;
    }

    /** PostgreSQL's CPU seconds, its backends included, as the drain's CPU figures count them. */
    @Override
    public DoubleSupplier databaseCpuSeconds() {
        return cpuSeconds().getOrDefault(CpuSources.POSTGRESQL, () -> Double.NaN);
    }

    @Override
    public String description() {
        return toString();
    }

    private String kafkaLine() {
        int brokers = stack.kafka().size();
        return brokers == 1
                ? "Kafka " + bootstrapServers()
                : "Kafka cluster of " + brokers + " brokers " + bootstrapServers() + ", replication factor "
                        + KafkaCluster.REPLICATION_FACTOR + ", min.insync.replicas "
                        + KafkaCluster.MIN_IN_SYNC_REPLICAS;
    }

    public String postgresVersion() {
        return stack.postgres().version();
    }

    @Override
    public void close() {
        for (DelayLine line : new DelayLine[] {toPooler, toPostgres}) {
            if (line != null) {
                line.close();
            }
        }
        if (pooler != null) {
            pooler.close();
        }
        stack.close();
    }

    /** {@code DATABASE_POOLER_MODE} for a worker on this stack: the pooler's mode, or none without one. */
    public String poolerMode() {
        return pooler == null ? "none" : pooler.poolMode().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stack line: the PostgreSQL version that answered (not the one asked for) and whose build it is, its
     * settings beyond the defaults, and whether PgBouncer is in front, in which mode.
     */
    @Override
    public String toString() {
        return "local stack (" + kafkaLine() + ", PostgreSQL " + postgresVersion() + " from "
                + (postgresBinaries == null ? "zonky's embedded build" : postgresBinaries)
                + (postgresSettings.isEmpty() ? "" : " with " + postgresSettings)
                + (pooler == null ? "; " + NO_POOLER : ", PgBouncer " + poolerMode() + " mode")
                + (toPostgres == null
                        ? ""
                        : "; the database across a network of "
                                + toPostgres.roundTrip().toMillis() + " ms round trip (the harness's delay line)")
                + ")";
    }
}
