package io.grizz.worker.ingest;

import io.grizz.contracts.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The meters of SPEC §7 that the ingest path feeds. Names are part of the contract. */
public class IngestMetrics {

    private final Counter consumed;
    private final Counter applied;
    private final Counter noop;
    private final Map<RejectionReason, Counter> deadLettered = new EnumMap<>(RejectionReason.class);
    private final DistributionSummary batchSize;
    private final Timer batchPersist;
    private final Timer endToEndLag;

    public IngestMetrics(MeterRegistry registry) {
        consumed = Counter.builder("grizz.events.consumed").description("records taken from the topic").register(registry);
        applied = Counter.builder("grizz.events.applied").description("events written to the database").register(registry);
        noop = Counter.builder("grizz.events.noop")
                .description("events that changed nothing (duplicate, stale, superseded, after delete)").register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            // registered up front so every reason shows, at zero, before its first dead letter
            deadLettered.put(reason, Counter.builder("grizz.events.dead.lettered").tag("reason", reason.code())
                    .description("records sent to the dead-letter topic, by reason").register(registry));
        }
        batchSize = DistributionSummary.builder("grizz.batch.size").description("records per batch")
                .publishPercentileHistogram().register(registry);
        batchPersist = Timer.builder("grizz.batch.persist").description("time to persist one batch")
                .publishPercentileHistogram().register(registry);
        endToEndLag = Timer.builder("grizz.end.to.end.lag").description("persisted_at - occurred_at")
                .publishPercentileHistogram().register(registry);
    }

    void consumed(int records) {
        consumed.increment(records);
        batchSize.record(records);
    }

    void persisted(long appliedEvents, long noopEvents, Duration took) {
        applied.increment(appliedEvents);
        noop.increment(noopEvents);
        batchPersist.record(took);
    }

    void deadLettered(RejectionReason reason) {
        deadLettered.get(reason).increment();
    }

    void endToEndLag(Duration lag) {
        endToEndLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
