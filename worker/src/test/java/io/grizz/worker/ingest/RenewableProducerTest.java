package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The waits of a write-path producer: a refusal comes back as the send's failure, a producer that
 * never answers is given up on after the bound and replaced once, and shutdown ends every wait.
 */
class RenewableProducerTest {

    private static final Duration BOUND = Duration.ofMillis(300);

    private final List<MockProducer<byte[], byte[]>> made = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final RenewableProducer producer = new RenewableProducer(
            "announcements",
            generation -> {
                // autoComplete off: a send has no outcome until the test gives it one, like a dead network thread
                MockProducer<byte[], byte[]> mock =
                        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
                made.add(mock);
                return mock;
            },
            BOUND,
            stopping::get);

    @Test
    void theBoundsAreKafkasOwnSettingsAndFitTheWaitAndTheShutdown() {
        var config = RenewableProducer.bounded(java.util.Map.of());
        assertThat(config)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000L);
        // Kafka refuses a delivery timeout below request timeout (+ linger 0)
        assertThat(RenewableProducer.DELIVERY_TIMEOUT).isGreaterThanOrEqualTo(RenewableProducer.REQUEST_TIMEOUT);
        // a stuck batch gives up, and a shutdown closes, well inside SIGTERM's 30 s
        assertThat(RenewableProducer.DELIVERY_TIMEOUT.plus(RenewableProducer.GRACE))
                .isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aRefusalIsTheSendsFailureAndKeepsTheProducer() {
        Future<RecordMetadata> send = producer.send(record());
        made.get(0).errorNext(new RecordTooLargeException("16 bytes"));

        assertThat(producer.awaitAll(List.of(send))).singleElement().isInstanceOf(RecordTooLargeException.class);
        producer.send(record());
        assertThat(made).hasSize(1);
    }

    @Test
    void aProducerThatNeverAnswersIsGivenUpOnAfterTheBoundAndReplacedOnce() {
        List<Future<RecordMetadata>> sends = List.of(producer.send(record()), producer.send(record()));
        long started = System.nanoTime();

        List<RuntimeException> outcomes = producer.awaitAll(sends);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(BOUND)
                .isLessThan(BOUND.plusSeconds(2));
        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(failure -> assertThat(failure).isInstanceOf(TimeoutException.class));
        Future<RecordMetadata> next = producer.send(record());
        assertThat(made).hasSize(2);
        made.get(1).completeNext();
        assertThat(producer.awaitAll(List.of(next))).containsOnlyNulls();
        assertThat(made).as("the healthy successor is kept").hasSize(2);
    }

    @Test
    void shutdownEndsAWaitAtOnceWithoutReplacingTheProducer() {
        Future<RecordMetadata> send = producer.send(record());
        stopping.set(true);
        long started = System.nanoTime();

        assertThat(producer.awaitAll(List.of(send))).singleElement().isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        producer.close();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).closed()).isTrue();
    }

    private static ProducerRecord<byte[], byte[]> record() {
        return new ProducerRecord<>("persisted", new byte[] {1}, new byte[] {2});
    }
}
