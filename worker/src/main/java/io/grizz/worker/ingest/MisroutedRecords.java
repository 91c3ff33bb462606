package io.grizz.worker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Notices records that sit on another partition than their key's (docs/contract.md §3): a conversation's
 * writes are in order only on the partition Kafka's default partitioner gives the canonical lower-case
 * UUID text of its id, murmur2. librdkafka's default partitioner (CRC32), or a key written in upper case,
 * places them elsewhere; they are still applied by revision, but their order across partitions is lost,
 * so each is counted ({@code grizz_events_misrouted_total}) and a warning names the producer's mistake, at
 * most once a minute.
 *
 * <p>A batch interceptor, so the listener stays about writing: it runs on the consumer thread before the
 * listener, and has the consumer, whose cached metadata gives the topic's partition count without a
 * request. A batch retried through an outage, or handed back in part, comes here again: each partition's
 * highest offset already looked at keeps a record from being counted twice.
 *
 * <p>After partitions are added to a topic, records that were produced before, under the old count, and
 * are still to be consumed are counted too: the count cannot tell them apart, the warning says so.
 */
public class MisroutedRecords implements BatchInterceptor<Object, Object> {

    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(MisroutedRecords.class);

    private final Counter misrouted;
    private final LongSupplier nanoTime;
    private final Map<TopicPartition, Long> lookedAtUpTo = new ConcurrentHashMap<>();
    private final Object warnLock = new Object();
    private long lastWarned;
    private boolean warned;

    public MisroutedRecords(MeterRegistry registry, LongSupplier nanoTime) {
        this.misrouted = Counter.builder("grizz.events.misrouted")
                .description("records on another partition than their key's murmur2 partition")
                .register(registry);
        this.nanoTime = nanoTime;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> inPartition = records.records(partition);
            long seen = lookedAtUpTo.getOrDefault(partition, -1L);
            int partitions = consumer.partitionsFor(partition.topic()).size();
            for (ConsumerRecord<Object, Object> record : inPartition) {
                if (record.offset() > seen && record.key() instanceof byte[] key) {
                    check(record, key, partitions);
                }
            }
            lookedAtUpTo.merge(
                    partition, inPartition.get(inPartition.size() - 1).offset(), Math::max);
        }
        return records;
    }

    private void check(ConsumerRecord<?, ?> record, byte[] key, int partitions) {
        int expected = expectedPartition(key, partitions);
        if (expected < 0 || expected == record.partition()) {
            return;
        }
        misrouted.increment();
        if (firstThisMinute()) {
            log.warn(
                    "record {}-{}@{} is on partition {}, but its key's partition is {} of {}: the producer does "
                            + "not place records as Kafka's default partitioner does (murmur2 of the conversation id "
                            + "as lower-case UUID text), so this conversation's writes lose their order across "
                            + "partitions. librdkafka clients must set partitioner=murmur2_random. (Counted in "
                            + "grizz_events_misrouted_total; records produced before partitions were added count "
                            + "too; this warning at most once a minute.)",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.partition(),
                    expected,
                    partitions);
        }
    }

    private boolean firstThisMinute() {
        synchronized (warnLock) {
            long now = nanoTime.getAsLong();
            if (warned && now - lastWarned < WARN_EVERY.toNanos()) {
                return false;
            }
            warned = true;
            lastWarned = now;
            return true;
        }
    }

    /**
     * The partition Kafka's default partitioner gives the canonical form (lower-case UUID text) of this key
     * among {@code partitions}, or -1 when the key is no UUID (that record is a {@code key_mismatch}, which has
     * a channel of its own).
     */
    static int expectedPartition(byte[] key, int partitions) {
        if (key.length != 36 || partitions < 1) {
            return -1;
        }
        byte[] canonical = isCanonical(key) ? key : canonicalOrNull(key);
        return canonical == null ? -1 : Utils.toPositive(Utils.murmur2(canonical)) % partitions;
    }

    /**
     * Whether the key already is lower-case UUID text, as every producer that follows the contract sends it: then it
     * is hashed as it is, without the parse and the new text of {@link #canonicalOrNull} (4 % of a consumer thread's
     * time in a drain's profile, for every record).
     */
    private static boolean isCanonical(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            byte b = key[i];
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23)
                    ? b == '-'
                    : (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] canonicalOrNull(byte[] key) {
        try {
            return UUID.fromString(new String(key, StandardCharsets.US_ASCII))
                    .toString()
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
