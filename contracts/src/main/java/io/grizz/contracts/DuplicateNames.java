package io.grizz.contracts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Refuses a JSON object that names a field twice, anywhere in a record (docs/contract.md §3: {@code malformed}).
 * The decoder checks this itself, on the one pass it makes over a record anyway, instead of Jackson's
 * {@code STRICT_DUPLICATE_DETECTION}, which builds a hash set for every object of more than two names: the
 * event object has a dozen, on every record, and that set was a tenth of the decoder's time.
 */
final class DuplicateNames {

    /** Names a small object holds without a hash set; the event object's eleven fit. */
    private static final int SCANNED = 12;

    /** An array's place on {@link #skipValue}'s stack: it has no names, so nothing is ever added to it. */
    private static final DuplicateNames NONE = new DuplicateNames();

    private final String[] scanned = new String[SCANNED];
    private int count;
    private Set<String> more;

    /**
     * Adds a name of the object.
     *
     * @throws EventRejected {@code malformed} when the object has it already
     */
    void add(String name, JsonParser parser) {
        for (int i = 0; i < count; i++) {
            if (scanned[i].equals(name)) {
                throw refusal(parser);
            }
        }
        if (count < SCANNED) {
            scanned[count++] = name;
            return;
        }
        if (more == null) {
            more = new HashSet<>();
        }
        if (!more.add(name)) {
            throw refusal(parser);
        }
    }

    /**
     * Skips the value the parser is at, as {@link JsonParser#skipChildren} does, refusing a duplicate name in any
     * object within it.
     */
    static void skipValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        // one entry per open container: an object's names, or NONE for an array
        Deque<DuplicateNames> open = new ArrayDeque<>();
        open.push(token == JsonToken.START_OBJECT ? new DuplicateNames() : NONE);
        while (!open.isEmpty()) {
            JsonToken next = parser.nextToken();
            if (next == null) {
                throw new EventRejected(RejectionReason.MALFORMED, "value is not valid JSON (unexpected end)");
            }
            switch (next) {
                case PROPERTY_NAME -> open.peek().add(parser.currentName(), parser);
                case START_OBJECT -> open.push(new DuplicateNames());
                case START_ARRAY -> open.push(NONE);
                case END_OBJECT, END_ARRAY -> open.pop();
                default -> {
                    // a scalar: nothing to check
                }
            }
        }
    }

    /** The {@code malformed} refusal of a name met twice in one object, at the parser's position. */
    static EventRejected refusal(JsonParser parser) {
        return new EventRejected(
                RejectionReason.MALFORMED,
                "value is not valid JSON (duplicate field name)" + EventFieldReader.at(parser.currentTokenLocation()));
    }
}
