package io.grizz.worker.ingest;

import io.grizz.contracts.Rejection;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a rejected record to {@code <topic>.dlt}, to the partition number it came from, with
 * its key and value bytes unchanged, spring-kafka's {@code kafka_dlt-*} headers, and
 * {@code dlt-reason} / {@code dlt-detail}. Blocks until the broker has it: the source offset is
 * committed only after, so a dead letter is never lost between the two topics.
 */
public class DeadLetters {

    public static final String REASON_HEADER = "dlt-reason";
    public static final String DETAIL_HEADER = "dlt-detail";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final IngestMetrics metrics;

    public DeadLetters(KafkaOperations<?, ?> template, IngestMetrics metrics) {
        this.metrics = metrics;
        this.recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
        this.recoverer.setHeadersFunction((record, e) -> {
            Rejection rejection = rejectionOf(e);
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, rejection.reason().code().getBytes(StandardCharsets.UTF_8));
            headers.add(DETAIL_HEADER, rejection.detail().getBytes(StandardCharsets.UTF_8));
            return headers;
        });
    }

    public void send(ConsumerRecord<?, ?> record, Rejection rejection, Consumer<?, ?> consumer) {
        recoverer.accept(record, consumer, new DeadLetterException(rejection));
        metrics.deadLettered(rejection.reason());
        log.warn("dead-lettered topic={} partition={} offset={} reason={} detail={}",
                record.topic(), record.partition(), record.offset(), rejection.reason().code(), rejection.detail());
    }

    private static Rejection rejectionOf(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeadLetterException dead) {
                return dead.rejection();
            }
        }
        throw new IllegalStateException("not a dead letter", e);
    }
}
