package io.grizz.load.benchmark;

import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.ColumnRole;
import io.grizz.contracts.schema.StorageSchema;
import io.grizz.load.workload.EventContent;
import io.grizz.load.workload.ExpectedState;
import io.grizz.load.workload.GeneratedWorkload;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The rows a generated workload leaves in {@code messages}: each message at its final write, with the content and
 * metadata the worker stores for it. What {@code ceiling} and {@code direct} write, so that all three commands of
 * {@code compare} move the same data.
 *
 * <p>A row is laid out as the schema model lays the table out: one value per {@link #COLUMNS column} the worker's
 * insert writes, in the table's order, so the harness keeps no column list of its own. The values are named by
 * column here, each looked up in the model (a name it does not know fails when this class is loaded); a nullable
 * column added to the model and not named here is written NULL, as the worker writes an event without it.
 */
public final class MessageRows {

    /** The columns of {@code messages} the worker's insert and {@code COPY} write, in the table's order. */
    public static final List<ColumnModel> COLUMNS = StorageSchema.MESSAGES.columns(ColumnRole.INSERTED);

    private static final int ID = slot("id");
    private static final int CONVERSATION_ID = slot("conversation_id");
    private static final int USER_ID = slot("user_id");
    private static final int ROLE = slot("role");
    private static final int CONTENT = slot("content");
    private static final int METADATA = slot("metadata");
    private static final int REVISION = slot("revision");
    private static final int CREATED_AT = slot("created_at");
    private static final int UPDATED_AT = slot("updated_at");
    private static final int DELETED_AT = slot("deleted_at");

    private final GeneratedWorkload workload;
    private final Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);

    public MessageRows(GeneratedWorkload workload) {
        this.workload = workload;
    }

    public int count() {
        return workload.expected().messages();
    }

    /**
     * The message's row: its value for each of {@link #COLUMNS}, at the same index, {@code null} for NULL. The
     * values' Java types are those {@code BinaryCopyWriter.writeField} takes for each column's type.
     */
    public Object[] row(int message) {
        ExpectedState expected = workload.expected();
        boolean deleted = expected.deleted(message);
        int revision = expected.revision(message);
        Object[] row = new Object[COLUMNS.size()];
        row[ID] = expected.messageId(message);
        row[CONVERSATION_ID] = workload.conversationId(message);
        row[USER_ID] = workload.userId(message);
        row[ROLE] = EventContent.role(message).wireName();
        row[CONTENT] = deleted
                ? null
                : EventContent.text(message, revision, workload.spec().contentBytes());
        row[METADATA] = deleted
                ? null
                : EventContent.metadata(workload.runId(), expected.finalSeq(message), workload.writerOf(message));
        row[REVISION] = revision;
        row[CREATED_AT] = time;
        row[UPDATED_AT] = time;
        row[DELETED_AT] = deleted ? time : null;
        return row;
    }

    /** Where the value of the column called {@code name} sits in a row. */
    static int slot(String name) {
        int slot = COLUMNS.indexOf(StorageSchema.MESSAGES.column(name));
        if (slot < 0) {
            throw new IllegalArgumentException("messages." + name + " is not a column the worker's insert writes");
        }
        return slot;
    }
}
