package io.grizz.worker.store;

import java.util.ArrayList;
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
     * Rows in their order, cut before a row that would take a chunk past {@code maxChars} of content
     * and metadata; a row larger than that alone makes a chunk. Always at least one chunk, maybe empty.
     */
    static List<List<MessageRow>> split(List<MessageRow> rows, long maxChars) {
        List<List<MessageRow>> chunks = new ArrayList<>();
        List<MessageRow> chunk = new ArrayList<>();
        long chars = 0;
        for (MessageRow row : rows) {
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
