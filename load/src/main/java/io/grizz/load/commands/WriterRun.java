package io.grizz.load.commands;

import io.grizz.load.kafka.Compression;
import io.grizz.load.kafka.ConsumerGroupProgress;
import io.grizz.load.kafka.EventPublisher;
import io.grizz.load.kafka.Pacing;
import io.grizz.load.kafka.Producers;
import io.grizz.load.kafka.PublishResult;
import io.grizz.load.kafka.ReadinessProbe;
import io.grizz.load.kafka.RunClock;
import io.grizz.load.measure.CpuSampler;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.oracle.Observations;
import io.grizz.load.oracle.PersistenceOracle;
import io.grizz.load.oracle.PersistenceWait;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.stack.ProcessCpu;
import io.grizz.load.workload.EventRecorder;
import io.grizz.load.workload.FinalWriteTimes;
import io.grizz.load.workload.Workload;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * What burst, steady and replay share: make sure the worker consumes, publish a workload with concurrent writers,
 * wait until it is persisted, and let the oracle judge it.
 */
final class WriterRun implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static final long CPU_SAMPLE_MILLIS = 500;

    /**
     * @param observations what the oracle saw of each message
     * @param times        when each message's final write was sent
     * @param cpu          the processes' CPU time during the run, or null against an external stack
     */
    record Result(
            PublishResult published,
            PersistenceWait.Outcome outcome,
            Observations observations,
            FinalWriteTimes times,
            CpuSampler cpu) {}

    private final IngestTarget target;
    private final Producer<byte[], byte[]> producer;
    private final RunClock clock;
    private final String runId;

    private WriterRun(IngestTarget target, Producer<byte[], byte[]> producer, RunClock clock, String runId) {
        this.target = target;
        this.producer = producer;
        this.clock = clock;
        this.runId = runId;
    }

    /** Returns once the worker has persisted a probe event from every partition. */
    static WriterRun ready(IngestTarget target, String runId, Compression compression)
            throws SQLException, InterruptedException {
        Producer<byte[], byte[]> producer = Producers.forWriters(target.bootstrapServers(), compression);
        try {
            System.err.println("waiting for the worker to consume every partition of " + target.topic() + " ...");
            ReadinessProbe.await(
                    producer, target.topic(), target.database(), runId, READY_TIMEOUT, target::workerAlive);
            return new WriterRun(target, producer, RunClock.start(), runId);
        } catch (RuntimeException | SQLException | InterruptedException e) {
            producer.close();
            throw e;
        }
    }

    RunClock clock() {
        return clock;
    }

    /** @param recorder where to record the events, or null */
    Result publishAndWait(Workload workload, Pacing pacing, EventRecorder recorder, Duration stallTimeout)
            throws SQLException, InterruptedException {
        FinalWriteTimes times = new FinalWriteTimes(workload.expected());
        Observations observations = new Observations(workload.expected());
        Map<String, DoubleSupplier> cpuSources = target.cpuSources();
        try (ConsumerGroupProgress group =
                        ConsumerGroupProgress.open(target.bootstrapServers(), target.topic(), target.consumerGroup());
                CpuSampler cpu = cpuSources.isEmpty()
                        ? null
                        : CpuSampler.start(
                                cpuSources, ProcessCpu::machineSeconds, clock::nowMicros, CPU_SAMPLE_MILLIS)) {
            PublishResult published;
            try (ProgressBar bar = ProgressBar.start("publish", workload.events())) {
                published = new EventPublisher(producer, target.topic(), clock, runId)
                        .writers(workload, pacing, times, recorder, bar);
            }
            group.markPublished();
            PersistenceWait.Outcome outcome = PersistenceWait.await(
                    group,
                    new PersistenceOracle(target.database()),
                    observations,
                    clock,
                    stallTimeout,
                    target::workerAlive,
                    "persisted");
            return new Result(published, outcome, observations, times, cpu);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
