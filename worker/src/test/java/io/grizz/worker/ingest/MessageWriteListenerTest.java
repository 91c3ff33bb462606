package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.contracts.Rejection;
import io.grizz.contracts.RejectionReason;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.store.BatchStore;
import io.grizz.worker.support.Events;
import io.grizz.worker.tracing.BatchTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The listener's routing, without a broker or a database: each record to its channel, each
 * failure to its channel, and the meters counting a batch once, when it is done; and the circuit, told of each
 * attempt by {@link IngestAttempts} around the listener as the container calls it.
 */
class MessageWriteListenerTest {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final String TOPIC = "writes";
    private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");

    private final UUID conversation = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final IngestCircuitBreaker circuit = new IngestCircuitBreaker(meters, Clock.systemUTC());
    private final IngestAttempts attempts =
            new IngestAttempts(circuit, new IngestConsumers(Duration.ofSeconds(10), System::nanoTime));
    private final MockProducer<byte[], byte[]> announced =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<List<MessageWrite>> written = new ArrayList<>();

    @Test
    void eachRecordGoesToItsChannelAndTheBatchIsCountedOnce() throws Exception {
        MessageWrite applied = created("applied");
        MessageWrite duplicate = created("a duplicate");
        MessageWrite foreign = created("in another user's conversation");
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record(0, applied),
                record(1, duplicate),
                record(2, "not json".getBytes(StandardCharsets.UTF_8)),
                record(3, foreign));
        RefusingProducer dlt = new RefusingProducer(r -> null);

        attempt(
                listener(
                        store(entry -> {
                            if (entry.event().equals(applied)) {
                                entry.applied(NOW);
                            } else if (entry.event().equals(duplicate)) {
                                entry.noop();
                            } else {
                                entry.reject(new Rejection(RejectionReason.OWNER_MISMATCH, "not the owner"));
                            }
                        }),
                        dlt),
                records);

        assertThat(written).singleElement().isEqualTo(List.of(applied, duplicate, foreign));
        assertThat(dlt.history())
                .extracting(r -> header(r, "dlt-reason"))
                .containsExactly("malformed", "owner_mismatch");
        assertThat(dlt.history()).extracting(ProducerRecord::partition).containsOnly(4);
        assertThat(dlt.history()).extracting(ProducerRecord::topic).containsOnly(TOPIC + ".dlt");
        assertThat(dlt.history().get(1).value()).isEqualTo(records.get(3).value());
        assertThat(header(dlt.history().get(1), "kafka_dlt-original-topic")).isEqualTo(TOPIC);
        assertThat(announced.history())
                .singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .contains(applied.eventId().toString()));
        assertThat(meters.counter("grizz.events.consumed").count()).isEqualTo(4);
        assertThat(meters.counter("grizz.events.applied").count()).isEqualTo(1);
        assertThat(meters.counter("grizz.events.noop").count()).isEqualTo(1);
        assertThat(meters.counter("grizz.events.dead.lettered", "reason", "malformed")
                        .count())
                .isEqualTo(1);
        assertThat(meters.counter("grizz.events.dead.lettered", "reason", "owner_mismatch")
                        .count())
                .isEqualTo(1);
        assertThat(meters.timer("grizz.end.to.end.lag").count()).isEqualTo(1);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.CLOSED);
    }

    @Test
    void anOutageFailsTheWholeBatchOpensTheCircuitAndCountsNothing() {
        RefusingProducer dlt = new RefusingProducer(r -> null);
        MessageWriteListener listener = listener(
                entries -> {
                    throw new SQLException("connection refused", "08006");
                },
                dlt);

        assertThatThrownBy(() -> attempt(
                        listener,
                        List.of(record(0, created("x")), record(1, "not json".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(SQLException.class);

        assertThat(dlt.history())
                .as("no dead letter before the batch is written")
                .isEmpty();
        assertThat(announced.history()).isEmpty();
        assertThat(meters.counter("grizz.events.consumed").count()).isZero();
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.OPEN);
    }

    @Test
    void aRaceThatLostEveryAttemptIsRetriedWithoutOpeningTheCircuit() {
        MessageWriteListener listener = listener(
                entries -> {
                    throw new SQLException("could not serialize access", "40001");
                },
                new RefusingProducer(r -> null));

        assertThatThrownBy(() -> attempt(listener, List.of(record(0, created("x")))))
                .isInstanceOf(SQLException.class);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeadLetterRefusedForGoodGoesWithoutItsValueAndThePartitionMovesOn() throws Exception {
        byte[] huge = ("{\"content\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        RefusingProducer dlt = new RefusingProducer(
                r -> r.value().length > 1000 ? new RecordTooLargeException("too large for the topic") : null);

        attempt(listener(store(entry -> entry.applied(NOW)), dlt), List.of(record(0, huge), record(1, created("ok"))));

        assertThat(dlt.history()).singleElement().satisfies(r -> {
            assertThat(r.value()).isEmpty();
            assertThat(header(r, "dlt-value-omitted")).isEqualTo(Integer.toString(huge.length));
            assertThat(header(r, "dlt-reason")).isEqualTo("schema_violation");
            assertThat(r.key()).isEqualTo(conversation.toString().getBytes(StandardCharsets.UTF_8));
        });
        assertThat(meters.counter("grizz.events.dead.lettered", "reason", "schema_violation")
                        .count())
                .isEqualTo(1);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeadLetterTopicThatDeniesPermissionIsAnOutageNotARefusal() {
        RefusingProducer dlt = new RefusingProducer(r -> new TopicAuthorizationException("no write permission"));
        MessageWriteListener listener = listener(store(entry -> entry.applied(NOW)), dlt);

        assertThatThrownBy(() -> attempt(listener, List.of(record(0, "[]".getBytes()))))
                .isInstanceOf(DeadLetterPublisher.DeadLetterTopicUnavailableException.class)
                .hasMessageContaining("not_permitted");
        assertThat(dlt.history()).isEmpty();
        assertThat(meters.counter("grizz.events.consumed").count()).isZero();
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.OPEN);
    }

    @Test
    void aDeadLetterTopicThatMayComeBackIsAnOutage() {
        RefusingProducer dlt = new RefusingProducer(r -> new TimeoutException("no metadata"));
        MessageWriteListener listener = listener(store(entry -> entry.applied(NOW)), dlt);

        assertThatThrownBy(() -> attempt(listener, List.of(record(0, "[]".getBytes()))))
                .isInstanceOf(DeadLetterPublisher.DeadLetterTopicUnavailableException.class);
        assertThat(meters.counter("grizz.events.consumed").count()).isZero();
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.OPEN);
    }

    @Test
    void theLagOfEveryInstantTheDecoderAcceptsIsMeasuredWithoutOverflow() {
        Instant persisted = Instant.parse("2026-07-01T10:00:00Z");
        assertThat(IngestMetrics.lagNanos(Instant.parse("0001-01-01T00:00:00Z"), persisted))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(IngestMetrics.lagNanos(Instant.parse("9999-12-31T23:59:59.999999Z"), persisted))
                .isZero();
        assertThat(IngestMetrics.lagNanos(persisted.minusMillis(1500), persisted))
                .isEqualTo(1_500_000_000L);
        assertThat(IngestMetrics.lagNanos(persisted, persisted)).isZero();
    }

    /**
     * One attempt at a batch as the container makes it: the listener between the calls of the interceptor that
     * tells the circuit, the listener's exception wrapped as the container wraps it.
     */
    private void attempt(MessageWriteListener listener, List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        attempts.intercept(null, null);
        try {
            listener.onBatch(records);
        } catch (Exception e) {
            attempts.failure(null, new ListenerExecutionFailedException("Listener method threw exception", e), null);
            throw e;
        }
        attempts.success(null, null);
    }

    private MessageWriteListener listener(BatchStore store, MockProducer<byte[], byte[]> dlt) {
        return new MessageWriteListener(
                new MessageWriteDecoder(1 << 20),
                store,
                new DeadLetterPublisher(dlt, "group", (topic, partitions) -> {}),
                Optional.of(new PersistedNotifier(RenewableProducer.of(announced), "persisted")),
                new IngestMetrics(meters),
                BatchTracing.off());
    }

    /** A store that records what it was given and settles each entry as told. */
    private BatchStore store(java.util.function.Consumer<Entry> settle) {
        return entries -> {
            written.add(entries.stream().map(Entry::event).toList());
            entries.forEach(settle);
        };
    }

    private MessageWrite created(String content) {
        return Events.created(conversation, user, UUID.randomUUID(), 1, content);
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, MessageWrite event) {
        return record(offset, ENCODER.encode(event));
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 4, offset, conversation.toString().getBytes(StandardCharsets.UTF_8), value);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A dead-letter topic that refuses the records a rule picks, with the error the rule gives. */
    private static final class RefusingProducer extends MockProducer<byte[], byte[]> {
        private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> refusal;

        RefusingProducer(Function<ProducerRecord<byte[], byte[]>, RuntimeException> refusal) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.refusal = refusal;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            RuntimeException refused = refusal.apply(record);
            return refused == null ? super.send(record, callback) : CompletableFuture.failedFuture(refused);
        }
    }
}
