package io.grizz.load.benchmark;

import java.time.OffsetDateTime;

/** One row in PostgreSQL's {@code COPY … (FORMAT text)}: tab-separated, {@code \N} for NULL, backslash escapes. */
final class CopyText {

    private CopyText() {
    }

    static void append(StringBuilder line, MessageRow row) {
        field(line, row.id().toString()).append('\t');
        field(line, row.conversationId().toString()).append('\t');
        field(line, row.userId().toString()).append('\t');
        field(line, row.role()).append('\t');
        field(line, row.content()).append('\t');
        field(line, row.metadataJson()).append('\t');
        field(line, Integer.toString(row.revision())).append('\t');
        field(line, time(row.createdAt())).append('\t');
        field(line, time(row.updatedAt())).append('\t');
        field(line, time(row.deletedAt())).append('\n');
    }

    static StringBuilder field(StringBuilder line, String value) {
        if (value == null) {
            return line.append("\\N");
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

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
