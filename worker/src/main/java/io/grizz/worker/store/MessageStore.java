package io.grizz.worker.store;

import io.grizz.contracts.MessageWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * Writes a batch of valid events in one transaction: read and lock what is stored, fold the
 * batch on top of it ({@link WriteReducer}), write one statement per table.
 *
 * <p>If the database refuses the data (SQLState class 22/23), the batch is redone one event at a
 * time, each under a savepoint, so the refused events are isolated and the rest still commit.
 * Any other failure propagates: the caller retries the whole batch, and no offset is committed.
 */
public class MessageStore {

    private final DataSource dataSource;
    private final String statementTimeout;

    /**
     * @param statementTimeout the server-side limit of each statement of a batch: a batch stuck
     *                         on a lock or a sick server fails and is retried, instead of holding
     *                         the partition and its poll loop indefinitely
     */
    public MessageStore(DataSource dataSource, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.statementTimeout = statementTimeout.toMillis() + "ms";
    }

    public ApplyResult apply(List<MessageWrite> events) throws SQLException {
        if (events.isEmpty()) {
            return new ApplyResult(List.of(), Map.of(), List.of(), null);
        }
        try {
            return inTransaction(connection -> applyReduced(connection, events));
        } catch (SQLException e) {
            if (!SqlStates.isRecordError(e)) {
                throw e;
            }
        }
        return inTransaction(connection -> applyOneByOne(connection, events));
    }

    private ApplyResult applyReduced(Connection connection, List<MessageWrite> events) throws SQLException {
        UUID[] conversationIds = events.stream().map(MessageWrite::conversationId).distinct().toArray(UUID[]::new);
        UUID[] messageIds = events.stream().map(MessageWrite::messageId).distinct().toArray(UUID[]::new);
        UpsertStatements.StoredState stored = UpsertStatements.readAndLock(connection, statementTimeout,
                conversationIds, messageIds);
        ReducedBatch reduced = WriteReducer.reduce(events, stored.conversations(), stored.messages());
        UpsertStatements.write(connection, stored, reduced.conversations(), reduced.messages());
        return new ApplyResult(reduced.outcomes(), Map.of(), reduced.messages(), stored.now());
    }

    private ApplyResult applyOneByOne(Connection connection, List<MessageWrite> events) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        Map<Integer, String> refusals = new HashMap<>();
        List<MessageRow> written = new ArrayList<>();
        Instant persistedAt = null;
        for (int i = 0; i < events.size(); i++) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                ApplyResult single = applyReduced(connection, List.of(events.get(i)));
                connection.releaseSavepoint(savepoint);
                outcomes.add(single.outcomes().get(0));
                written.addAll(single.written());
                persistedAt = single.persistedAt();
            } catch (SQLException e) {
                if (!SqlStates.isRecordError(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                outcomes.add(Outcome.REJECTED_BY_DATABASE);
                refusals.put(i, describe(e));
            }
        }
        return new ApplyResult(outcomes, refusals, written, persistedAt);
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** SQLState and the server's primary message: the detail line may hold the row's values. */
    static String describe(SQLException e) {
        String message = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : e.getMessage();
        return "SQLState " + e.getSQLState() + ": " + message;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
