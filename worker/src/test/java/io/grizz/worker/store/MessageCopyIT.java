package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.testkit.TestStack;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.contracts.EventType;
import io.grizz.contracts.Role;
import io.grizz.worker.config.DatabaseConnectionSettings;
import io.grizz.worker.config.PoolerMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * The {@code COPY} of new messages against the real schema: the values it stores, the
 * {@code persisted_at} it leaves to the column's default, a clash with another writer turned into
 * a serialization failure, and PgBouncer in both of its modes in between.
 */
class MessageCopyIT {

    private static final TestStack STACK = TestStacks.shared();
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static String url;

    @BeforeAll
    static void schema() {
        url = STACK.createDatabase("message_copy");
        Flyway.configure()
                .dataSource(url, STACK.username(), STACK.password())
                .load()
                .migrate();
    }

    @Test
    void eachDeclaredColumnHasItsTypeInTheMigratedSchema() throws SQLException {
        try (Connection connection = connect(url, PoolerMode.NONE);
                PreparedStatement select = connection.prepareStatement("""
                        SELECT udt_name FROM information_schema.columns
                         WHERE table_schema = 'public' AND table_name = ? AND column_name = ?""")) {
            for (Table<?> table : List.of(StoreSql.CONVERSATIONS, StoreSql.MESSAGES)) {
                for (Column<?> column : table.columns()) {
                    select.setString(1, table.name());
                    select.setString(2, column.name());
                    try (ResultSet result = select.executeQuery()) {
                        assertThat(result.next())
                                .as(table.name() + "." + column.name())
                                .isTrue();
                        assertThat(result.getString(1))
                                .as(table.name() + "." + column.name())
                                .isEqualTo(column.type().sql());
                    }
                }
            }
            connection.commit();
        }
    }

    @Test
    void copiedRowsHoldTheirValuesAndTheTransactionsNowAsPersistedAt() throws SQLException {
        try (Connection connection = connect(url, PoolerMode.NONE)) {
            List<MessageRow> rows = messages(100, Role.TOOL, "{\"n\": 1e3, \"s\": \"grüß\"}");
            LockingRead.StoredState stored = write(connection, rows, BatchWrite.COPY_MIN_ROWS);
            connection.commit();

            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT count(*), min(persisted_at), max(persisted_at), min(created_at), max(revision),
                           bool_and(role = 'tool' AND content = 'content' AND metadata = '{"n": 1e3, "s": "grüß"}'
                                    AND deleted_at IS NULL)
                      FROM messages WHERE id = ANY (?)""")) {
                select.setObject(1, rows.stream().map(MessageRow::id).toArray(UUID[]::new));
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    assertThat(result.getLong(1)).isEqualTo(100);
                    assertThat(instant(result, 2)).isEqualTo(stored.now());
                    assertThat(instant(result, 3)).isEqualTo(stored.now());
                    assertThat(instant(result, 4)).isEqualTo(CREATED);
                    assertThat(result.getInt(5)).isEqualTo(1);
                    assertThat(result.getBoolean(6)).isTrue();
                }
            }
            connection.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = PgBouncer.PoolMode.class,
            names = {"SESSION", "TRANSACTION"})
    void copyWorksBehindPgBouncer(PgBouncer.PoolMode mode) throws SQLException {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        var postgres = STACK.localPostgres().orElseThrow(() -> new TestAbortedException("needs the local stack"));
        PoolerMode poolerMode = mode == PgBouncer.PoolMode.TRANSACTION ? PoolerMode.TRANSACTION : PoolerMode.SESSION;
        try (PgBouncer bouncer = PgBouncer.start(
                        // transaction mode: both clients share one server connection
                        postgres,
                        mode,
                        PgBouncer.Options.defaults().poolSize(mode == PgBouncer.PoolMode.TRANSACTION ? 1 : 2));
                Connection connection = connect(bouncer.jdbcUrl("message_copy"), poolerMode);
                Connection another = connect(bouncer.jdbcUrl("message_copy"), poolerMode)) {
            // transaction after transaction, the two clients' turns interleaved
            for (int round = 0; round < 3; round++) {
                for (Connection client : List.of(connection, another)) {
                    List<MessageRow> rows = messages(70, Role.USER, null);
                    write(client, rows, BatchWrite.COPY_MIN_ROWS);
                    client.commit();
                    assertThat(count(client, rows)).isEqualTo(70);
                    client.commit();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, Integer.MAX_VALUE})
    void aRowAnotherWriterInsertedMeanwhileIsASerializationFailure(int copyMinRows) throws SQLException {
        try (Connection connection = connect(url, PoolerMode.NONE);
                Connection other = connect(url, PoolerMode.NONE)) {
            List<MessageRow> rows = messages(10, Role.USER, null);
            ConversationRow conversation = conversation(rows.get(0));
            LockingRead.StoredState stored = LockingRead.readAndLock(
                    connection,
                    "10s",
                    new UUID[] {conversation.id()},
                    rows.stream().map(MessageRow::id).toArray(UUID[]::new));
            assertThat(stored.messages()).isEmpty();

            // another writer inserts (and commits) one of them after the read
            BatchWrite.write(
                    other,
                    LockingRead.readAndLock(other, "10s", new UUID[0], new UUID[0]),
                    List.of(conversation),
                    rows.subList(3, 4),
                    Integer.MAX_VALUE);
            other.commit();

            assertThatThrownBy(() -> BatchWrite.write(connection, stored, List.of(), rows, copyMinRows))
                    .as("a race the store tells from the database's own failures, retried as one")
                    .isInstanceOf(LostRace.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"))
                    .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState())
                            .isEqualTo("23505"));
            connection.rollback();
        }
    }

    private static LockingRead.StoredState write(Connection connection, List<MessageRow> rows, int copyMinRows)
            throws SQLException {
        List<ConversationRow> conversations = new ArrayList<>();
        for (MessageRow row : rows) {
            if (conversations.isEmpty()
                    || !conversations.get(conversations.size() - 1).id().equals(row.conversationId())) {
                conversations.add(conversation(row));
            }
        }
        LockingRead.StoredState stored = LockingRead.readAndLock(
                connection,
                "10s",
                conversations.stream().map(ConversationRow::id).toArray(UUID[]::new),
                rows.stream().map(MessageRow::id).toArray(UUID[]::new));
        BatchWrite.write(connection, stored, conversations, rows, copyMinRows);
        return stored;
    }

    private static ConversationRow conversation(MessageRow row) {
        return new ConversationRow(row.conversationId(), row.userId(), row.createdAt(), row.updatedAt());
    }

    /** {@code n} new messages, ten to a conversation. */
    private static List<MessageRow> messages(int n, Role role, String metadata) {
        List<MessageRow> rows = new ArrayList<>();
        UUID conversation = null;
        UUID user = UUID.randomUUID();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                conversation = UUID.randomUUID();
            }
            rows.add(new MessageRow(
                    UUID.randomUUID(),
                    EventType.CREATED,
                    UUID.randomUUID(),
                    conversation,
                    user,
                    role,
                    "content",
                    metadata,
                    1,
                    CREATED,
                    CREATED,
                    null));
        }
        return rows;
    }

    private static long count(Connection connection, List<MessageRow> rows) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT count(*) FROM messages WHERE id = ANY (?)")) {
            select.setObject(1, rows.stream().map(MessageRow::id).toArray(UUID[]::new));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** A connection set up as the worker's pool sets its own up. */
    private static Connection connect(String jdbcUrl, PoolerMode poolerMode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", STACK.username());
        properties.setProperty("password", STACK.password());
        properties.setProperty("binaryTransferEnable", Integer.toString(UuidArray.OID));
        properties.putAll(DatabaseConnectionSettings.poolerProperties(poolerMode));
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        connection.setAutoCommit(false);
        return connection;
    }
}
