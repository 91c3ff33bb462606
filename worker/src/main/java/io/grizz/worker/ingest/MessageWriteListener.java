package io.grizz.worker.ingest;

import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.Wire;
import io.grizz.worker.batch.Fate;
import io.grizz.worker.batch.WriteBatch;
import io.grizz.worker.store.BatchStore;
import io.grizz.worker.tracing.BatchTracing;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The path of a batch, top to bottom: decode every record, write the valid ones in one
 * transaction, announce what is stored, dead-letter what can never be, return. The container
 * commits the batch's offsets only when this method returns, so nothing is committed that is not
 * in the database (and announced) or on the DLT.
 *
 * <p>The three error channels:
 * <ul>
 * <li>A bad record: a fate of its own ({@code DEAD_LETTER}), decided by the decoder or the
 * store; the rest of the batch goes on.</li>
 * <li>A race with another writer: retried inside the store, bounded.</li>
 * <li>An outage (database, pooler, DLT or notification topic unavailable): thrown. The error
 * handler retries the whole batch with backoff, the consumer paused, and writing it again is
 * harmless: every write is guarded by its revision, and what the first attempt wrote is
 * announced again ({@code REPLAYED}).</li>
 * </ul>
 *
 * <p>Each attempt's circuit and liveness bookkeeping happens around this method, in {@link IngestAttempts}.
 */
public class MessageWriteListener {

    public static final String CONTAINER_ID = "ingest";

    private static final Logger log = LoggerFactory.getLogger(MessageWriteListener.class);

    private final MessageWriteDecoder decoder;
    private final BatchStore store;
    private final DeadLetterPublisher deadLetters;
    private final Optional<PersistedNotifier> notifier;
    private final IngestMetrics metrics;
    private final BatchTracing tracing;

    MessageWriteListener(
            MessageWriteDecoder decoder,
            BatchStore store,
            DeadLetterPublisher deadLetters,
            Optional<PersistedNotifier> notifier,
            IngestMetrics metrics,
            BatchTracing tracing) {
        this.decoder = decoder;
        this.store = store;
        this.deadLetters = deadLetters;
        this.notifier = notifier;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    // idIsGroup = false: the group is GRIZZ_CONSUMER_GROUP, not the container's id
    @KafkaListener(
            id = CONTAINER_ID,
            idIsGroup = false,
            topics = "${grizz.topic:" + Wire.DEFAULT_TOPIC + "}",
            batch = "true",
            autoStartup = "false")
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        WriteBatch batch = WriteBatch.decode(records, decoder);
        long started = System.nanoTime();
        tracing.step("grizz.batch.write", () -> store.write(batch.toWrite()));
        Duration persistTook = Duration.ofNanos(System.nanoTime() - started);
        if (notifier.isPresent() && !batch.announcements().isEmpty()) {
            tracing.step("grizz.batch.announce", () -> notifier.get().announce(batch.announcements()));
        }
        if (!batch.deadLetters().isEmpty()) {
            tracing.step("grizz.batch.dead-letters", () -> deadLetters.publish(batch.deadLetters()));
        }
        metrics.done(batch, persistTook);
        if (log.isDebugEnabled()) {
            log.debug(
                    "batch records={} applied={} noop={} dead_lettered={} persist_ms={}",
                    batch.size(),
                    batch.count(Fate.APPLIED),
                    batch.count(Fate.NOOP) + batch.count(Fate.REPLAYED),
                    batch.count(Fate.DEAD_LETTER),
                    persistTook.toMillis());
        }
    }
}
