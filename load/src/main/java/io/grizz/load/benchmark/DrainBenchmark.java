package io.grizz.load.benchmark;

import io.grizz.load.kafka.Compression;
import io.grizz.load.kafka.ConsumerGroupProgress;
import io.grizz.load.kafka.EventPublisher;
import io.grizz.load.kafka.Producers;
import io.grizz.load.kafka.PublishResult;
import io.grizz.load.kafka.RunClock;
import io.grizz.load.kafka.Topics;
import io.grizz.load.measure.CpuSampler;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.measure.Series;
import io.grizz.load.measure.Timelines;
import io.grizz.load.oracle.Observations;
import io.grizz.load.oracle.PersistenceOracle;
import io.grizz.load.oracle.PersistenceWait;
import io.grizz.load.oracle.Verdict;
import io.grizz.load.stack.CpuSources;
import io.grizz.load.stack.Database;
import io.grizz.load.stack.LocalIngest;
import io.grizz.load.stack.LocalServers;
import io.grizz.load.stack.ProcessCpu;
import io.grizz.load.stack.StatementTimes;
import io.grizz.load.stack.WorkerMetrics;
import io.grizz.load.stack.WorkerProcess;
import io.grizz.load.stack.WorkerSettings;
import io.grizz.load.workload.FinalWriteTimes;
import io.grizz.load.workload.Workload;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/**
 * The worker's pure throughput: a topic filled with a workload first, then a fresh worker started on it, timed until
 * every message is persisted. Local stack only, since it must start the worker itself.
 *
 * <p>The drain is timed by the database's own clock: from the {@code persisted_at} of the first transaction to that
 * of the last one, counting the rows of every transaction but the last (whose {@code persisted_at}, PostgreSQL's
 * {@code now()}, is its start). So the rate is rows per second of steady consumption, without the worker's JVM
 * start-up and without the harness's polling interval; start-up and wall time are reported beside it.
 */
public final class DrainBenchmark {

    static final String DATABASE = "grizz_drain";

    /**
     * @param rowsPerSecond  the drain rate, as described above; NaN if everything fit in one transaction
     * @param startupSeconds worker process start to its first transaction
     * @param wallSeconds    worker process start to the harness seeing every record committed
     * @param peakRssBytes   the worker's VmHWM, or -1 if unknown
     * @param workerExitCode its exit code after SIGTERM (0 expected)
     * @param timeline       rows persisted per second, from the worker's start
     * @param cpuCores       average cores each process used between the first and the last transaction
     * @param cpuTimeline    cores each process used over time, from the worker's start
     * @param note           why waiting ended early, or null
     * @param statements     the database's time by statement during the drain, when the server loads
     *                       {@code pg_stat_statements} (else empty)
     */
    public record Result(
            int events,
            int rows,
            double rowsPerSecond,
            double drainSeconds,
            double startupSeconds,
            double wallSeconds,
            double prefillPerSecond,
            long peakRssBytes,
            int workerExitCode,
            Verdict verdict,
            Map<String, Double> workerMetrics,
            Series timeline,
            Map<String, Double> cpuCores,
            List<Series> cpuTimeline,
            String note,
            List<StatementTimes.Timed> statements) {

        /**
         * Launch-to-done: rows per second from the worker process's start to everything committed, start-up
         * included; what a deployment that starts a worker on a backlog sees. NaN when it did not get there.
         */
        public double launchToDoneRowsPerSecond() {
            return wallSeconds > 0 ? rows / wallSeconds : Double.NaN;
        }
    }

    static final long CPU_SAMPLE_MILLIS = 500;

    private DrainBenchmark() {}

    /**
     * @param name     unique per drain, for the topic, consumer group and worker log
     * @param announce    with {@code GRIZZ_PERSISTED_TOPIC} set to {@code <topic>.persisted} (created here, with as
     *                    many partitions), so the drain pays for the announcements too
     * @param compression how the prefill's producer compresses the events, which the worker then decompresses
     */
    public static Result run(
            LocalServers servers,
            Workload workload,
            WorkerSettings settings,
            int partitions,
            String name,
            Duration stallTimeout,
            boolean announce,
            Compression compression)
            throws SQLException, InterruptedException {
        LocalIngest ingest = new LocalIngest(servers, DATABASE, "load-" + name, "grizz-load-" + name);
        Database database = servers.freshDatabase(DATABASE);
        servers.createTopic(ingest.topic(), partitions);
        String persisted = ingest.topic() + ".persisted";
        Map<String, String> workerEnvironment = workerEnvironment(servers, ingest, partitions, announce, persisted);
        try {
            RunClock clock = RunClock.start();
            PublishResult prefill = prefill(servers, ingest.topic(), workload, clock, name, compression);
            database.checkpoint();
            Optional<StatementTimes> statements = StatementTimes.start(database);

            Observations observations = new Observations(workload.expected());
            try (ConsumerGroupProgress progress = ConsumerGroupProgress.openFromBeginning(
                            servers.bootstrapServers(), ingest.topic(), ingest.consumerGroup());
                    WorkerProcess worker = WorkerProcess.start(settings, workerEnvironment, "worker-" + name);
                    CpuSampler cpu = CpuSampler.start(
                            CpuSources.of(servers, worker),
                            ProcessCpu::machineSeconds,
                            clock::nowMicros,
                            CPU_SAMPLE_MILLIS)) {
                PersistenceWait.Outcome outcome = PersistenceWait.await(
                        progress,
                        new PersistenceOracle(database),
                        observations,
                        clock,
                        stallTimeout,
                        worker::isAlive,
                        "drain");
                cpu.close();
                Map<String, Double> metrics = WorkerMetrics.scrape(worker.prometheusUrl());
                long peakRss = worker.peakRssBytes().orElse(-1);
                int exitCode = worker.stop();
                List<StatementTimes.Timed> timed =
                        statements.isPresent() ? statements.get().read() : List.of();
                long workerStart = clock.toEpochMicros(worker.startedNanos());
                return result(
                        workload.events(),
                        observations,
                        workerStart,
                        outcome,
                        prefill,
                        peakRss,
                        exitCode,
                        metrics,
                        cpu,
                        timed);
            }
        } finally {
            deleteTopics(servers, ingest.topic(), announce, persisted);
        }
    }

    /** The ingest's environment for the worker; with {@code announce}, the announcements' topic created and named. */
    private static Map<String, String> workerEnvironment(
            LocalServers servers, LocalIngest ingest, int partitions, boolean announce, String persisted) {
        Map<String, String> workerEnvironment = new LinkedHashMap<>(ingest.workerEnvironment());
        if (announce) {
            servers.createTopic(persisted, partitions);
            workerEnvironment.put("GRIZZ_PERSISTED_TOPIC", persisted);
        }
        return workerEnvironment;
    }

    /** Fills the topic with the whole workload before the worker starts; a failed send fails the drain. */
    private static PublishResult prefill(
            LocalServers servers,
            String topic,
            Workload workload,
            RunClock clock,
            String name,
            Compression compression) {
        FinalWriteTimes times = new FinalWriteTimes(workload.expected());
        PublishResult prefill;
        try (Producer<byte[], byte[]> producer = Producers.forPrefill(servers.bootstrapServers(), compression);
                ProgressBar bar = ProgressBar.start("prefill", workload.events())) {
            prefill = new EventPublisher(producer, topic, clock, name).prefill(workload, times, bar);
        }
        if (prefill.failed()) {
            throw new IllegalStateException("filling " + topic + " failed: " + prefill.failure());
        }
        return prefill;
    }

    private static void deleteTopics(LocalServers servers, String topic, boolean announce, String persisted) {
        Topics.deleteWithDeadLetters(servers.bootstrapServers(), topic);
        if (announce) {
            Topics.deleteWithDeadLetters(servers.bootstrapServers(), persisted);
        }
    }

    private static Result result(
            int events,
            Observations observations,
            long workerStart,
            PersistenceWait.Outcome outcome,
            PublishResult prefill,
            long peakRss,
            int exitCode,
            Map<String, Double> metrics,
            CpuSampler cpu,
            List<StatementTimes.Timed> statements) {
        int messages = observations.expected().messages();
        long[] persisted = new long[messages];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int m = 0; m < messages; m++) {
            if (observations.visible(m)) {
                persisted[m] = observations.persistedMicros(m);
                first = Math.min(first, persisted[m]);
                last = Math.max(last, persisted[m]);
            }
        }
        int rows = outcome.verdict().visible();
        if (rows == 0) {
            return new Result(
                    events,
                    0,
                    Double.NaN,
                    0,
                    0,
                    0,
                    prefill.ratePerSecond(),
                    peakRss,
                    exitCode,
                    outcome.verdict(),
                    metrics,
                    new Series("rows persisted", List.of()),
                    Map.of(),
                    cpu.coresOverTime(workerStart),
                    outcome.note(),
                    statements);
        }
        long lastCommit = last;
        long inLastTransaction =
                Arrays.stream(persisted).filter(t -> t == lastCommit).count();
        double drainSeconds = (last - first) / 1e6;
        double rate = drainSeconds > 0 ? (rows - inLastTransaction) / drainSeconds : Double.NaN;
        double wallSeconds = outcome.caughtUpMicros() > 0 ? (outcome.caughtUpMicros() - workerStart) / 1e6 : Double.NaN;
        Series timeline = Timelines.ratePerSecond(
                "rows persisted", persisted, workerStart, Timelines.bucketMicros(Math.max(1, last - workerStart)));
        return new Result(
                events,
                rows,
                rate,
                drainSeconds,
                (first - workerStart) / 1e6,
                wallSeconds,
                prefill.ratePerSecond(),
                peakRss,
                exitCode,
                outcome.verdict(),
                metrics,
                timeline,
                cpu.coresBetween(first, last),
                cpu.coresOverTime(workerStart),
                outcome.note(),
                statements);
    }
}
