package io.grizz.worker.ingest;

import io.grizz.contracts.RejectionReason;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.Fate;
import io.grizz.worker.batch.WriteBatch;
import io.grizz.worker.store.RaceRetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of docs/contract.md §7 that the ingest path feeds. Names are part of the contract.
 *
 * <p>A batch is counted once, when it is done (written, announced, dead-lettered): a batch
 * retried through an outage counts its records' final fates, not every attempt.
 */
public class IngestMetrics {

    private final Counter consumed;
    private final Counter applied;
    private final Counter noop;
    private final Map<RejectionReason, Counter> deadLettered = new EnumMap<>(RejectionReason.class);
    private final Map<RaceRetry.Cause, Counter> retries = new EnumMap<>(RaceRetry.Cause.class);
    private final DistributionSummary batchSize;
    private final Timer batchPersist;
    private final Timer endToEndLag;

    public IngestMetrics(MeterRegistry registry) {
        consumed = Counter.builder("grizz.events.consumed")
                .description("records taken from the topic")
                .register(registry);
        applied = Counter.builder("grizz.events.applied")
                .description("events written to the database")
                .register(registry);
        noop = Counter.builder("grizz.events.noop")
                .description("events that changed nothing (duplicate, stale, superseded, after delete)")
                .register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            // registered up front so every reason shows, at zero, before its first dead letter
            deadLettered.put(
                    reason,
                    Counter.builder("grizz.events.dead.lettered")
                            .tag("reason", reason.code())
                            .description("records sent to the dead-letter topic, by reason")
                            .register(registry));
        }
        for (RaceRetry.Cause cause : RaceRetry.Cause.values()) {
            retries.put(
                    cause,
                    Counter.builder("grizz.batch.retries")
                            .tag("cause", cause.tag())
                            .description("write transactions retried after losing a race with another writer")
                            .register(registry));
        }
        batchSize = DistributionSummary.builder("grizz.batch.size")
                .description("records per batch")
                .publishPercentileHistogram()
                .register(registry);
        batchPersist = Timer.builder("grizz.batch.persist")
                .description("time to persist one batch")
                .publishPercentileHistogram()
                .register(registry);
        endToEndLag = Timer.builder("grizz.end.to.end.lag")
                .description("persisted_at - occurred_at")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A batch is done: every record's fate is final. */
    void done(WriteBatch batch, Duration persistTook) {
        consumed.increment(batch.size());
        batchSize.record(batch.size());
        batchPersist.record(persistTook);
        long appliedEvents = 0;
        long noopEvents = 0;
        for (Entry entry : batch.entries()) {
            Fate fate = entry.fate();
            if (fate == Fate.APPLIED) {
                appliedEvents++;
                endToEndLag.record(lagNanos(entry.event().occurredAt(), entry.persistedAt()), TimeUnit.NANOSECONDS);
            } else if (fate == Fate.NOOP || fate == Fate.REPLAYED) {
                noopEvents++;
            } else if (fate == Fate.DEAD_LETTER) {
                deadLettered.get(entry.rejection().reason()).increment();
            }
        }
        applied.increment(appliedEvents);
        noop.increment(noopEvents);
    }

    void raceRetried(RaceRetry.Cause cause) {
        retries.get(cause).increment();
    }

    /**
     * {@code persistedAt − occurredAt} in nanoseconds, for every pair of instants the decoder
     * accepts: zero when the event claims to come from the future (a producer's clock ahead, or
     * year 9999), and at most {@code Long.MAX_VALUE} (292 years) when it comes from the distant past
     * (year 1, Go's zero time), where {@code Duration.toNanos()} would overflow and throw.
     */
    static long lagNanos(Instant occurredAt, Instant persistedAt) {
        long seconds = persistedAt.getEpochSecond() - occurredAt.getEpochSecond();
        long nanos = persistedAt.getNano() - occurredAt.getNano();
        if (seconds < 0 || (seconds == 0 && nanos <= 0)) {
            return 0;
        }
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        return seconds * 1_000_000_000L + nanos;
    }
}
