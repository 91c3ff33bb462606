package io.grizz.worker.ingest;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.Rejection;
import io.grizz.contracts.RejectionReason;
import io.grizz.worker.store.ApplyResult;
import io.grizz.worker.store.MessageRow;
import io.grizz.worker.store.MessageStore;
import io.grizz.worker.store.Outcome;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The path of a batch, top to bottom: decode every record, write the valid ones in one
 * transaction, dead-letter the rest, return. The container commits the batch's offsets only when
 * this method returns, so nothing is committed that is not in the database or on the DLT.
 *
 * <p>A failure that is not one record's fault (the database or the DLT unreachable) is thrown:
 * the container's error handler retries the whole batch with backoff, and writing it again is
 * harmless because every write is guarded by its revision.
 */
public class MessageWriteListener {

    public static final String CONTAINER_ID = "ingest";

    private static final Logger log = LoggerFactory.getLogger(MessageWriteListener.class);

    private final MessageWriteDecoder decoder;
    private final MessageStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final IngestCircuitBreaker circuit;
    private final Optional<PersistedNotifier> notifier;

    public MessageWriteListener(MessageWriteDecoder decoder, MessageStore store, DeadLetters deadLetters,
                                IngestMetrics metrics, IngestCircuitBreaker circuit,
                                Optional<PersistedNotifier> notifier) {
        this.decoder = decoder;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.circuit = circuit;
        this.notifier = notifier;
    }

    // idIsGroup = false: the group is GRIZZ_CONSUMER_GROUP, not the container's id
    @KafkaListener(id = CONTAINER_ID, idIsGroup = false, topics = "${grizz.topic}", batch = "true",
            autoStartup = "false")
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) throws SQLException {
        circuit.beforeAttempt();
        try {
            persist(records, consumer);
        } catch (SQLException | RuntimeException e) {
            circuit.onFailure(e);
            throw e;
        }
        circuit.onSuccess();
    }

    private void persist(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) throws SQLException {
        metrics.consumed(records.size());

        List<ConsumerRecord<byte[], byte[]>> validRecords = new ArrayList<>(records.size());
        List<MessageWrite> events = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DecodeResult decoded = decoder.decode(record.key(), record.value());
            if (decoded.isValid()) {
                validRecords.add(record);
                events.add(decoded.event());
            } else {
                rejected.add(new Rejected(record, decoded.rejection()));
            }
        }

        long started = System.nanoTime();
        ApplyResult result = store.apply(events);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long applied = result.count(Outcome.APPLIED);
        long noops = result.count(Outcome.NOOP);
        metrics.persisted(applied, noops, took);
        for (MessageRow row : result.written()) {
            metrics.endToEndLag(Duration.between(row.updatedAt(), result.persistedAt()));
        }
        if (notifier.isPresent() && !result.written().isEmpty()) {
            notifier.get().notifyPersisted(result.written(), result.persistedAt());
        }
        collectDatabaseRejections(validRecords, result, rejected);

        for (Rejected r : rejected) {
            deadLetters.send(r.record(), r.rejection(), consumer);
        }
        log.debug("batch records={} applied={} noop={} dead_lettered={} persist_ms={}", records.size(),
                applied, noops, rejected.size(), took.toMillis());
    }

    private static void collectDatabaseRejections(List<ConsumerRecord<byte[], byte[]>> validRecords,
                                                  ApplyResult result, List<Rejected> rejected) {
        for (int i = 0; i < validRecords.size(); i++) {
            Outcome outcome = result.outcomes().get(i);
            if (outcome == Outcome.OWNER_MISMATCH) {
                rejected.add(new Rejected(validRecords.get(i), new Rejection(RejectionReason.OWNER_MISMATCH,
                        "user_id does not own the conversation, or message_id belongs to another conversation")));
            } else if (outcome == Outcome.REJECTED_BY_DATABASE) {
                rejected.add(new Rejected(validRecords.get(i),
                        new Rejection(RejectionReason.REJECTED_BY_DATABASE, result.refusals().get(i))));
            }
        }
    }

    private record Rejected(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
    }
}
