package io.grizz.worker.support;

import io.grizz.compose.testkit.TestStack;
import io.grizz.compose.testkit.TestStacks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of the real schema filled straight from SQL ({@code generate_series}), for query
 * plans and the benchmark: a million rows through Kafka would measure ingest, not reads.
 *
 * <p>{@code users} owners share the conversations round-robin; each conversation has
 * {@code messagesEach} messages one second apart, every twentieth a tombstone, content of about
 * 200 bytes and a small metadata object.
 */
public final class MessageTable implements AutoCloseable {

    private final TestStack stack = TestStacks.shared();
    private final String database;
    private final SingleConnectionDataSource connection;

    private MessageTable(String database) {
        this.database = database;
        String url = stack.createDatabase(database);
        Flyway.configure()
                .dataSource(url, stack.username(), stack.password())
                .load()
                .migrate();
        try {
            Connection c = DriverManager.getConnection(url, stack.username(), stack.password());
            connection = new SingleConnectionDataSource(c, true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database, e);
        }
    }

    public static MessageTable create(String database, int users, int conversations, int messagesEach) {
        MessageTable table = new MessageTable(database);
        table.fill(users, conversations, messagesEach);
        return table;
    }

    private void fill(int users, int conversations, int messagesEach) {
        JdbcTemplate jdbc = jdbc();
        jdbc.update("""
                INSERT INTO conversations (id, user_id, created_at, updated_at)
                SELECT gen_random_uuid(), u.ids[1 + c % ?],
                       timestamptz '2026-01-01 00:00:00Z' + c * interval '1 second',
                       timestamptz '2026-02-01 00:00:00Z' + c * interval '1 second'
                  FROM (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, ?)) AS u,
                       generate_series(0, ? - 1) AS c""", users, users, conversations);
        jdbc.update("""
                INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision,
                                      created_at, updated_at, deleted_at)
                SELECT gen_random_uuid(), c.id, c.user_id, CASE WHEN m % 2 = 0 THEN 'assistant' ELSE 'user' END,
                       CASE WHEN m % 20 = 0 THEN NULL
                            ELSE 'message ' || m || ': ' || repeat('lorem ipsum dolor sit amet ', 7) END,
                       CASE WHEN m % 20 = 0 THEN NULL ELSE jsonb_build_object('n', m, 'model', 'm-1') END,
                       CASE WHEN m % 20 = 0 THEN 2 ELSE 1 END,
                       c.created_at + m * interval '1 second', c.created_at + m * interval '1 second',
                       CASE WHEN m % 20 = 0 THEN c.updated_at END
                  FROM conversations c, generate_series(1, ?) AS m""", messagesEach);
        // statistics and the visibility map, as autovacuum leaves them on a table in service
        jdbc.execute("VACUUM ANALYZE conversations");
        jdbc.execute("VACUUM ANALYZE messages");
    }

    public String jdbcUrl() {
        return stack.jdbcUrl(database);
    }

    public TestStack stack() {
        return stack;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(connection);
    }

    @Override
    public void close() {
        connection.destroy();
    }
}
