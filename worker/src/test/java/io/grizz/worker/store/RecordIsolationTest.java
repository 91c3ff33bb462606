package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.Fate;
import io.grizz.worker.batch.WriteBatch;
import io.grizz.worker.support.Events;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The store's one-event-at-a-time fallback ({@link MessageStore#isolateRefused}): the events the
 * database refuses are isolated under savepoints and rejected, the rest written; any other failure
 * ends the whole attempt.
 */
class RecordIsolationTest {

    private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");

    private final List<String> calls = new ArrayList<>();

    @Test
    void onlyTheEventsTheDatabaseRefusesAreRejectedAndRolledBackToTheirSavepoint() throws SQLException {
        List<Entry> entries = entries(3);

        MessageStore.isolateRefused(connection(), entries, (connection, entry) -> {
            if (entry == entries.get(1)) {
                throw new SQLException("invalid byte sequence for encoding \"UTF8\"", "22021");
            }
            entry.applied(NOW);
        });

        assertThat(entries).extracting(Entry::fate).containsExactly(Fate.APPLIED, Fate.DEAD_LETTER, Fate.APPLIED);
        assertThat(entries.get(1).rejection().reason().code()).isEqualTo("rejected_by_database");
        assertThat(entries.get(1).rejection().detail())
                .isEqualTo("SQLState 22021: invalid byte sequence for encoding \"UTF8\"");
        assertThat(calls)
                .containsExactly(
                        "setSavepoint",
                        "releaseSavepoint",
                        "setSavepoint",
                        "rollback",
                        "setSavepoint",
                        "releaseSavepoint");
    }

    @Test
    void aFailureThatIsNotTheDatasFaultEndsTheAttempt() {
        List<Entry> entries = entries(2);

        assertThatThrownBy(() -> MessageStore.isolateRefused(connection(), entries, (connection, entry) -> {
                    throw new SQLException("terminating connection due to administrator command", "57P01");
                }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("administrator");
        assertThat(entries).extracting(Entry::fate).containsOnly(Fate.PENDING);
    }

    private static List<Entry> entries(int count) {
        MessageWriteEncoder encoder = new MessageWriteEncoder();
        UUID conversation = UUID.randomUUID();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(
                    "writes",
                    0,
                    i,
                    conversation.toString().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(Events.created(conversation, UUID.randomUUID(), UUID.randomUUID(), 1, "m" + i))));
        }
        return WriteBatch.decode(records, new MessageWriteDecoder(1 << 20)).toWrite();
    }

    /** A connection that only knows savepoints, and says which of its methods were called. */
    private Connection connection() {
        Savepoint savepoint = (Savepoint) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Savepoint.class}, (proxy, method, args) -> null);
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("setSavepoint") ? savepoint : null;
                });
    }
}
