package io.grizz.worker.ingest;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Resets this thread's {@link DecodedBytesBudget} at the end of every poll that returns records:
 * Kafka calls {@code onConsume} on the polling thread, after the last record of the poll was
 * deserialized and before {@code poll()} returns. A poll that returns nothing deserialized nothing
 * that counts, so it needs no reset.
 */
public class PollEndInterceptor implements ConsumerInterceptor<Object, Object> {

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        DecodedBytesBudget.ofThisThread().pollEnded();
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
