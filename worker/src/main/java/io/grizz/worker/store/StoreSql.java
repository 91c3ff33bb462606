package io.grizz.worker.store;

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
 * <p>Each table's columns are declared once ({@link #CONVERSATIONS}, {@link #MESSAGES}); the
 * statements, their binding and the {@code COPY} rows are derived from them.
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
            "conversations",
            List.of(
                    Column.uuid("id", ConversationRow::id),
                    Column.uuid("user_id", ConversationRow::userId),
                    Column.timestamptz("created_at", ConversationRow::createdAt),
                    Column.timestamptz("updated_at", ConversationRow::updatedAt)));

    /**
     * The columns of {@code messages} the write path writes, declared once. {@code persisted_at}
     * is left to its default, {@code now()}: the transaction's start, for the inserts and the
     * {@code COPY} alike (the upsert sets it to the same {@code now()}).
     */
    static final Table<MessageRow> MESSAGES = new Table<>(
            "messages",
            List.of(
                    Column.uuid("id", MessageRow::id),
                    Column.uuid("conversation_id", MessageRow::conversationId),
                    Column.uuid("user_id", MessageRow::userId),
                    Column.text(
                            "role",
                            row -> row.role() == null ? null : row.role().wireName()),
                    Column.text("content", MessageRow::content),
                    Column.jsonb("metadata", MessageRow::metadataJson),
                    Column.int4("revision", MessageRow::revision),
                    Column.timestamptz("created_at", MessageRow::createdAt),
                    Column.timestamptz("updated_at", MessageRow::updatedAt),
                    Column.timestamptz("deleted_at", MessageRow::deletedAt)));

    static final String INSERT_CONVERSATIONS = CONVERSATIONS.insertFromArrays();

    /**
     * The same insert, made an upsert for the rows the read found. A row its guard refuses was
     * moved further forward by another writer meanwhile, which leaves it right.
     */
    static final String UPSERT_CONVERSATIONS = INSERT_CONVERSATIONS + """
            ON CONFLICT (id) DO UPDATE
               SET updated_at = excluded.updated_at
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""";

    static final String INSERT_MESSAGES = MESSAGES.insertFromArrays();

    /** The same insert, made an upsert for the rows the locking read found (and locked). */
    static final String UPSERT_MESSAGES = INSERT_MESSAGES + """
            ON CONFLICT (id) DO UPDATE
               SET role = excluded.role,
                   content = excluded.content,
                   metadata = excluded.metadata,
                   revision = excluded.revision,
                   updated_at = excluded.updated_at,
                   deleted_at = excluded.deleted_at,
                   persisted_at = now()
             WHERE messages.revision < excluded.revision
               AND messages.deleted_at IS NULL
               AND messages.conversation_id = excluded.conversation_id""";

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
}
