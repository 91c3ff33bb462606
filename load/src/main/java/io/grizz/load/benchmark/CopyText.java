package io.grizz.load.benchmark;

import java.time.OffsetDateTime;

/**
 * Rows in PostgreSQL's {@code COPY … (FORMAT text)}: tab-separated, {@code \N} for NULL, backslash escapes.
 *
 * <p>The ceiling's client shares the machine with PostgreSQL, so every cycle it spends formatting is one the server
 * does not get: values without characters to escape (nearly all) are copied whole, and the timestamp, which all rows
 * of a workload share, is formatted once. One instance per stream; not thread-safe.
 */
final class CopyText {

    private OffsetDateTime lastTime;
    private String lastTimeText;

    void append(StringBuilder line, MessageRow row) {
        field(line, row.id().toString()).append('\t');
        field(line, row.conversationId().toString()).append('\t');
        field(line, row.userId().toString()).append('\t');
        field(line, row.role()).append('\t');
        field(line, row.content()).append('\t');
        field(line, row.metadataJson()).append('\t');
        line.append(row.revision()).append('\t');
        field(line, time(row.createdAt())).append('\t');
        field(line, time(row.updatedAt())).append('\t');
        field(line, time(row.deletedAt())).append('\n');
    }

    static StringBuilder field(StringBuilder line, String value) {
        if (value == null) {
            return line.append("\\N");
        }
        if (!needsEscaping(value)) {
            return line.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return line;
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private String time(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        if (!time.equals(lastTime)) {
            lastTime = time;
            lastTimeText = time.toString();
        }
        return lastTimeText;
    }
}
