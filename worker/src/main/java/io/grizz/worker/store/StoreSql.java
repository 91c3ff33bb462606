package io.grizz.worker.store;

import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.StorageSchema;
import java.util.List;

/**
 * The SQL of the write path, and the tables it writes. Every statement takes whole columns as arrays and
 * {@code unnest}s them, so a batch is one round trip per table whatever its size: no 65,535 bind-parameter cap,
 * one plan per statement shape (prepared once per connection in session mode), and every value
 * bound as a parameter, never spliced into the text.
 *
 * <p>A batch costs two round trips before the commit: {@link LockingRead#readAndLock} and {@link BatchWrite#write}
 * each send their statements in one go ({@link #READ_AND_LOCK}, {@link #WRITE}: pgjdbc sends every statement of a
 * multi-statement string before it waits for the first answer). On a busy machine every round trip waits for the
 * scheduler twice, in the worker and in PostgreSQL (four times through PgBouncer), and those waits, not the work,
 * were most of a small batch's time. A {@code COPY} of new messages adds two more, which is why
 * only batches of at least {@link BatchWrite#COPY_MIN_ROWS} new messages take it.
 *
 * <p>Every array that can go in pgjdbc's binary format does: {@code text[]} (metadata too, cast to
 * {@code jsonb} per row) and {@code int8[]}, which carries timestamps as microseconds since the
 * epoch ({@link Micros}), exact and without a date to format on one side and parse on the other; the
 * {@code uuid[]}s go in binary through {@link UuidArray}, pgjdbc having no binary encoder for them.
 *
 * <p>Each table's columns are declared once ({@link #CONVERSATIONS}, {@link #MESSAGES}), each one a column of the
 * {@link StorageSchema} model; the statements, their binding, the {@code COPY} rows and the upserts' {@code SET}
 * lists are derived from them. The reads ({@link #READ_CONVERSATIONS}, {@link #LOCK_MESSAGES}) stay spelled out:
 * {@link LockingRead} maps their results by column name, and the columns they take are what the fold needs, not
 * a role of the model.
 */
final class StoreSql {

    /**
     * Transaction-local settings ({@code SET LOCAL} semantics, so safe behind a transaction-mode
     * pooler too), and the transaction's {@code now()}, which every row it writes gets as
     * {@code persisted_at}. They come first, so they hold for every later statement of the
     * transaction, the reads included.
     *
     * <p>{@code statement_timeout}: a batch stuck on a lock or a sick server fails and is retried,
     * instead of holding its partitions and poll loop indefinitely.
     *
     * <p>{@code enable_seqscan = off}: the foreign-key check on messages → conversations runs a
     * plan PostgreSQL caches per connection. Planned while conversations looked empty, it stays a
     * sequential scan until the next ANALYZE, and batches slow down tenfold as the table grows.
     * Every statement of ours is a primary-key lookup, so planning without sequential scans in our
     * transactions costs nothing and keeps that cached plan an index scan from the first batch on.
     */
    static final String SETTINGS = """
            SELECT set_config('enable_seqscan', 'off', true), set_config('statement_timeout', ?, true), now()""";

    /**
     * Conversations are read, not locked. What the fold takes from them cannot go wrong if another
     * writer commits in between: the owner never changes once the row exists, and {@code updated_at}
     * only moves forward, which the upsert's guard keeps whoever writes first. A lock would cost a
     * WAL record and a dirtied page per conversation for nothing; with messages arriving one by one
     * the locking read was 9 % of the database time of a steady run.
     */
    static final String READ_CONVERSATIONS = """
            SELECT id, user_id, created_at, updated_at
              FROM conversations
             WHERE id = ANY (?)""";

    static final String LOCK_MESSAGES = """
            SELECT id, conversation_id, revision, role, created_at, deleted_at IS NOT NULL AS deleted, persisted_at
              FROM messages
             WHERE id = ANY (?)
             ORDER BY id
               FOR NO KEY UPDATE""";

    /**
     * The columns of {@code conversations} the write path writes, declared once: the statements
     * below and their binding are derived from them ({@link Table}). New conversations stay an
     * insert from arrays, never a {@code COPY}: in a drain they are a tenth of the rows and 2 % of
     * the write statements' time ({@code pg_stat_statements}: 568 of 30,500 ms), less than what two
     * more round trips a batch would cost.
     */
    static final Table<ConversationRow> CONVERSATIONS = new Table<>(
            StorageSchema.CONVERSATIONS,
            List.of(
                    Column.uuid(conversations("id"), ConversationRow::id),
                    Column.uuid(conversations("user_id"), ConversationRow::userId),
                    Column.timestamptz(conversations("created_at"), ConversationRow::createdAt),
                    Column.timestamptz(conversations("updated_at"), ConversationRow::updatedAt)));

    /**
     * The columns of {@code messages} the write path writes, declared once. {@code persisted_at}
     * is left to its default, {@code now()}: the transaction's start, for the inserts and the
     * {@code COPY} alike (the upsert sets it to the same {@code now()}).
     */
    static final Table<MessageRow> MESSAGES = new Table<>(
            StorageSchema.MESSAGES,
            List.of(
                    Column.uuid(messages("id"), MessageRow::id),
                    Column.uuid(messages("conversation_id"), MessageRow::conversationId),
                    Column.uuid(messages("user_id"), MessageRow::userId),
                    Column.text(
                            messages("role"),
                            row -> row.role() == null ? null : row.role().wireName()),
                    Column.text(messages("content"), MessageRow::content),
                    Column.jsonb(messages("metadata"), MessageRow::metadataJson),
                    Column.int4(messages("revision"), MessageRow::revision),
                    Column.timestamptz(messages("created_at"), MessageRow::createdAt),
                    Column.timestamptz(messages("updated_at"), MessageRow::updatedAt),
                    Column.timestamptz(messages("deleted_at"), MessageRow::deletedAt)));

    static final String INSERT_CONVERSATIONS = CONVERSATIONS.insertFromArrays();

    /**
     * The same insert, made an upsert for the rows the read found. A row its guard refuses was
     * moved further forward by another writer meanwhile, which leaves it right.
     */
    static final String UPSERT_CONVERSATIONS = INSERT_CONVERSATIONS + """
            ON CONFLICT (id) DO UPDATE
               SET %s
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""".formatted(set(CONVERSATIONS));

    static final String INSERT_MESSAGES = MESSAGES.insertFromArrays();

    /** The same insert, made an upsert for the rows the locking read found (and locked). */
    static final String UPSERT_MESSAGES = INSERT_MESSAGES + """
            ON CONFLICT (id) DO UPDATE
               SET %s
             WHERE messages.revision < excluded.revision
               AND messages.deleted_at IS NULL
               AND messages.conversation_id = excluded.conversation_id""".formatted(set(MESSAGES));

    /** The absent messages of a batch of at least {@link BatchWrite#COPY_MIN_ROWS} of them. */
    static final String COPY_MESSAGES = MESSAGES.copyFromStdin();

    /** Settings, then the conversations, then the messages, locked in id order: one round trip. */
    static final String READ_AND_LOCK = SETTINGS + ";\n" + READ_CONVERSATIONS + ";\n" + LOCK_MESSAGES;

    /**
     * Settings, then the conversations: the read of a batch of new messages only
     * ({@link LockingRead#readConversations}).
     */
    static final String READ_CONVERSATIONS_ONLY = SETTINGS + ";\n" + READ_CONVERSATIONS;

    /** Conversations first, so that the messages' foreign key finds them: one round trip. */
    static final String WRITE =
            INSERT_CONVERSATIONS + ";\n" + UPSERT_CONVERSATIONS + ";\n" + INSERT_MESSAGES + ";\n" + UPSERT_MESSAGES;

    /** {@link #WRITE} without the messages' insert, whose rows then follow by {@link #COPY_MESSAGES}. */
    static final String WRITE_BEFORE_COPY =
            INSERT_CONVERSATIONS + ";\n" + UPSERT_CONVERSATIONS + ";\n" + UPSERT_MESSAGES;

    private StoreSql() {}

    private static ColumnModel conversations(String name) {
        return StorageSchema.CONVERSATIONS.column(name);
    }

    private static ColumnModel messages(String name) {
        return StorageSchema.MESSAGES.column(name);
    }

    /**
     * The upsert's {@code SET} list ({@link Table#upsertAssignments}), one assignment a line, each under the
     * first as the statements were laid out by hand: the text, and so each statement's
     * {@code pg_stat_statements} entry, stays what it was ({@code StoreSqlTextTest}).
     */
    private static String set(Table<?> table) {
        return String.join(",\n" + " ".repeat("   SET ".length()), table.upsertAssignments());
    }
}
