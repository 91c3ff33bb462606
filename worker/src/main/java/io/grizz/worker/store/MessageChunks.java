package io.grizz.worker.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a batch's message rows into write statements of bounded size. A statement's text
 * columns go as one array parameter each, and PostgreSQL takes at most 1 GiB in one parameter;
 * pgjdbc also holds a statement's encoded parameters whole, beside the rows, so a bound per
 * statement is a bound on that copy too.
 */
final class MessageChunks {

    private MessageChunks() {}

    /**
     * The rows as they are when they fit in one statement (nearly always). Otherwise in id order,
     * cut before a row that would take a chunk past {@code maxChars} of content and metadata, a row
     * larger than that making a chunk alone: id order across the chunks too, so two writers that
     * meet on the same rows still lock them in one order. Always at least one chunk, maybe empty.
     */
    static List<List<MessageRow>> split(List<MessageRow> rows, long maxChars) {
        long total = 0;
        for (MessageRow row : rows) {
            total += chars(row);
        }
        if (total <= maxChars) {
            return List.of(rows);
        }
        List<MessageRow> byId = new ArrayList<>(rows);
        byId.sort(Comparator.comparing(MessageRow::id));
        List<List<MessageRow>> chunks = new ArrayList<>();
        List<MessageRow> chunk = new ArrayList<>();
        long chars = 0;
        for (MessageRow row : byId) {
            long size = chars(row);
            if (!chunk.isEmpty() && chars + size > maxChars) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(row);
            chars += size;
        }
        chunks.add(chunk);
        return chunks;
    }

    private static long chars(MessageRow row) {
        return (row.content() == null ? 0 : row.content().length())
                + (row.metadataJson() == null ? 0 : row.metadataJson().length());
    }
}
