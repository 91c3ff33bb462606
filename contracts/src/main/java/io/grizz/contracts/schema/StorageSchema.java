package io.grizz.contracts.schema;

import static io.grizz.contracts.schema.ColumnModel.nullable;
import static io.grizz.contracts.schema.ColumnModel.required;
import static io.grizz.contracts.schema.ColumnRole.INSERTED;
import static io.grizz.contracts.schema.ColumnRole.READ_BY_API;
import static io.grizz.contracts.schema.ColumnRole.STAMPED;
import static io.grizz.contracts.schema.ColumnRole.UPSERTED;
import static io.grizz.contracts.schema.SqlType.INTEGER;
import static io.grizz.contracts.schema.SqlType.JSONB;
import static io.grizz.contracts.schema.SqlType.TEXT;
import static io.grizz.contracts.schema.SqlType.TIMESTAMPTZ;
import static io.grizz.contracts.schema.SqlType.UUID;

import java.util.List;

/**
 * The storage tables of docs/contract.md §4, as the migrations in {@code db/migration} leave them, and what each
 * column is to the worker. It lives next to the migrations, so the facts about a column are spelled in two places
 * (the migration that creates it and this model), and {@code StorageSchemaIT} fails when they disagree, in either
 * direction. The worker's column lists (the write path's insert, {@code COPY} and upsert, the read API's selects)
 * are derived from it.
 *
 * <p>Columns are listed in the migrations' order.
 */
public final class StorageSchema {

    public static final TableModel CONVERSATIONS = new TableModel(
            "conversations",
            List.of(
                    required("id", UUID, INSERTED, READ_BY_API),
                    required("user_id", UUID, INSERTED, READ_BY_API),
                    required("created_at", TIMESTAMPTZ, INSERTED, READ_BY_API),
                    // moved forward by every later write of the conversation; the owner never changes
                    required("updated_at", TIMESTAMPTZ, INSERTED, UPSERTED, READ_BY_API)));

    /**
     * A message. {@code id}, {@code conversation_id}, {@code user_id} and {@code created_at} are fixed by the
     * first write; the upsert moves the rest. {@code persisted_at} is the database's own: when the applied write
     * was stored, not shown by the read API.
     */
    public static final TableModel MESSAGES = new TableModel(
            "messages",
            List.of(
                    required("id", UUID, INSERTED, READ_BY_API),
                    required("conversation_id", UUID, INSERTED, READ_BY_API),
                    required("user_id", UUID, INSERTED, READ_BY_API),
                    nullable("role", TEXT, INSERTED, UPSERTED, READ_BY_API),
                    nullable("content", TEXT, INSERTED, UPSERTED, READ_BY_API),
                    nullable("metadata", JSONB, INSERTED, UPSERTED, READ_BY_API),
                    required("revision", INTEGER, INSERTED, UPSERTED, READ_BY_API),
                    required("created_at", TIMESTAMPTZ, INSERTED, READ_BY_API),
                    required("updated_at", TIMESTAMPTZ, INSERTED, UPSERTED, READ_BY_API),
                    nullable("deleted_at", TIMESTAMPTZ, INSERTED, UPSERTED, READ_BY_API),
                    required("persisted_at", TIMESTAMPTZ, STAMPED)));

    private StorageSchema() {}
}
