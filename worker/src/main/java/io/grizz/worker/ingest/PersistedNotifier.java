package io.grizz.worker.ingest;

import io.grizz.contracts.Announcement;
import io.grizz.contracts.MessageWrite;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.tracing.TraceParent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * The next stage's feed ({@code GRIZZ_PERSISTED_TOPIC}, docs/contract.md §3): after a batch's
 * transaction commits, one announcement per applied event, keyed by conversation id so that a
 * conversation's announcements keep the order of its writes.
 *
 * <p>Guarantee: at least once, never lost. The announcements are derived from what is stored,
 * not remembered: an event whose state the stored row already holds (same revision, same
 * deleted-ness) is {@link io.grizz.worker.batch.Fate#REPLAYED} and announced again. So whatever
 * stops a batch between its commit and the broker's acknowledgement of every announcement — the
 * notification topic unavailable, a dead letter failing after it, the process killed — the batch
 * is delivered again (its offsets were not committed), its events are found stored, and they are
 * announced then. The price is a duplicate in those cases; a consumer dedupes on
 * {@code (message_id, revision)}. An outbox table would give the same guarantee for a second
 * row written per event; this costs the database nothing, since the fold reads the stored rows
 * anyway.
 *
 * <p>A topic that refuses announcements (unavailable, deleted, its {@code max.message.bytes}
 * lowered below a record, a permission missing) is such an outage: {@link #announce} throws, the
 * batch is retried with backoff and readiness is DOWN until the topic takes them. Every wait is
 * bounded ({@link RenewableProducer}), so no refusal holds a consumer thread or SIGTERM.
 */
public class PersistedNotifier {

    private final RenewableProducer producer;
    private final String topic;

    public PersistedNotifier(RenewableProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /**
     * Sends one announcement per entry, in order, and waits until the broker has them all.
     *
     * @throws NotificationTopicUnavailableException when the topic did not take one of them
     */
    public void announce(List<Entry> announced) {
        if (announced.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(announced.size());
        for (Entry entry : announced) {
            MessageWrite event = entry.event();
            byte[] key = event.conversationId().toString().getBytes(StandardCharsets.UTF_8);
            byte[] value = Announcement.of(event, entry.persistedAt()).toJson();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
            // the next stage continues the producer's trace (docs/contract.md §7)
            Header traceparent = entry.record().headers().lastHeader(TraceParent.HEADER);
            if (traceparent != null) {
                record.headers().add(traceparent);
            }
            Future<RecordMetadata> send = producer.send(record);
            sends.add(send);
            if (RenewableProducer.failedAlready(send)) {
                // a topic without metadata fails each send after max.block.ms: one is enough to know
                break;
            }
        }
        for (RuntimeException failure : producer.awaitAll(sends)) {
            if (failure != null) {
                throw new NotificationTopicUnavailableException(topic, failure);
            }
        }
    }

    /** Closes its producer; what it still holds is dropped, and announced again by the batch's retry. */
    public void close() {
        producer.close();
    }

    /** The notification topic did not take an announcement: an outage, the batch is retried with backoff. */
    public static final class NotificationTopicUnavailableException extends RuntimeException {
        NotificationTopicUnavailableException(String topic, Throwable cause) {
            super("the notification topic " + topic + " did not take an announcement: " + cause, cause);
        }
    }
}
