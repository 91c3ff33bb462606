package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.event.ConsumerStartingEvent;

/**
 * docs/contract.md §7: an ingest instance that has not begun consuming within 60 s of its start is
 * not ready, and says what it waits for; no consumer at all is not "all consumers healthy".
 */
class IngestConsumersStartTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void theStartWindowIs60SecondsUnlessSet() {
        Binder empty = new Binder(new MapConfigurationPropertySource(Map.of()));
        assertThat(empty.bindOrCreate("grizz.ingest", IngestProperties.class).startWindow())
                .isEqualTo(Duration.ofSeconds(60));
        Binder set = new Binder(new MapConfigurationPropertySource(Map.of("grizz.ingest.start-window", "5s")));
        assertThat(set.bindOrCreate("grizz.ingest", IngestProperties.class).startWindow())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(new IngestConsumers(Duration.ofSeconds(10), now::get).startWindow())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void noConsumerWithinTheWindowIsNotReadyNamingWhatItWaitsFor() {
        IngestConsumers consumers = new IngestConsumers(Duration.ofSeconds(10), Duration.ofSeconds(60), now::get);
        consumers.waitingFor("topic writes: it does not exist yet");
        advance(Duration.ofSeconds(59));
        assertThat(consumers.notReady()).isEmpty();
        assertThat(consumers.notBegunInTime()).isFalse();

        advance(Duration.ofSeconds(2));
        assertThat(consumers.notBegunInTime()).isTrue();
        assertThat(consumers.notReady())
                .containsEntry(
                        "ingest", "not consuming 61 s after start: waiting for topic writes: it does not exist yet");
        assertThat(consumers.notAlive())
                .as("waiting is not dead: liveness stays UP")
                .isEmpty();
    }

    @Test
    void aConsumerThatBeganEndsTheWait() {
        IngestConsumers consumers = new IngestConsumers(Duration.ofSeconds(10), Duration.ofSeconds(60), now::get);
        advance(Duration.ofSeconds(61));
        assertThat(consumers.notReady()).containsKey("ingest");

        consumers.onStarting(new ConsumerStartingEvent(this, this));

        assertThat(consumers.notBegunInTime()).isFalse();
        assertThat(consumers.notReady()).isEmpty();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
