package io.grizz.load.kafka;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.contracts.Role;
import io.grizz.load.stack.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Makes sure the worker is consuming every partition before a timed run starts, so that a burst's latencies measure
 * the worker and not its JVM start-up or the consumer group's first rebalance: one created event per partition,
 * sent to that partition, and a wait until all of them are in PostgreSQL. The probe rows stay; they are tagged
 * {@code load_probe} in their metadata and are not part of any run's oracle.
 *
 * <p>Each probe's conversation is one whose key Kafka's default partitioner places on that partition, as every
 * producer must (docs/contract.md §3): a probe sent elsewhere would count in the worker's
 * {@code grizz_events_misrouted_total} and raise its warning, against a stack the harness does not own too.
 */
public final class ReadinessProbe {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();

    private ReadinessProbe() {}

    public static void await(
            Producer<byte[], byte[]> producer,
            String topic,
            Database database,
            String runId,
            Duration timeout,
            BooleanSupplier workerAlive)
            throws InterruptedException, SQLException {
        int partitions = producer.partitionsFor(topic).size();
        UUID user = UUID.randomUUID();
        UUID[] messages = new UUID[partitions];
        for (int p = 0; p < partitions; p++) {
            UUID conversation = conversationOn(p, partitions);
            messages[p] = UUID.randomUUID();
            MessageWrite probe = new MessageWrite(
                    UUID.randomUUID(),
                    EventType.CREATED,
                    Instant.now(),
                    messages[p],
                    conversation,
                    user,
                    1,
                    Role.SYSTEM,
                    "load harness readiness probe",
                    "{\"load_probe\":\"" + runId + "\",\"partition\":" + p + "}");
            try {
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(topic, p, MessageWriteEncoder.key(conversation), ENCODER.encode(probe));
                record.headers().add(EventPublisher.RUN_HEADER, runId.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Cannot publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (persisted(database, messages) < partitions) {
            if (!workerAlive.getAsBoolean()) {
                throw new IllegalStateException("the worker exited before it consumed anything");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not persist a probe event on each of the " + partitions
                        + " partitions of " + topic + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A new conversation id whose key Kafka's default partitioner (murmur2) places on {@code partition}. */
    static UUID conversationOn(int partition, int partitions) {
        while (true) {
            UUID id = UUID.randomUUID();
            if (Utils.toPositive(Utils.murmur2(MessageWriteEncoder.key(id))) % partitions == partition) {
                return id;
            }
        }
    }

    private static int persisted(Database database, UUID[] messages) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM messages WHERE id = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("uuid", messages));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the worker has not run its migrations yet
            }
            throw e;
        }
    }
}
