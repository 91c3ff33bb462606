package io.grizz.contracts;

import java.util.List;

/** The JSON field names of the v1 event, shared by decoder and encoder so they cannot drift. */
final class WireFields {

    static final String SCHEMA_VERSION = "schema_version";
    static final String EVENT_ID = "event_id";
    static final String TYPE = "type";
    static final String OCCURRED_AT = "occurred_at";
    static final String MESSAGE_ID = "message_id";
    static final String CONVERSATION_ID = "conversation_id";
    static final String USER_ID = "user_id";
    static final String REVISION = "revision";
    static final String ROLE = "role";
    static final String CONTENT = "content";
    static final String METADATA = "metadata";

    /** The only schema version this code reads and writes. */
    static final int VERSION_1 = 1;

    /** The fields the decoder keeps, each at its position in this list: {@link #slotOf}. */
    private static final List<String> ALL = List.of(
            SCHEMA_VERSION,
            EVENT_ID,
            TYPE,
            OCCURRED_AT,
            MESSAGE_ID,
            CONVERSATION_ID,
            USER_ID,
            REVISION,
            ROLE,
            CONTENT,
            METADATA);

    /** How many fields {@link #slotOf} tells apart. */
    static final int COUNT = ALL.size();

    /**
     * The position of {@code name} among the v1 event's fields (0 to {@link #COUNT} - 1), or -1 when it is not
     * one: others are ignored, as the schema allows. A scan of eleven names, not a hash: the decoder asks
     * for each field of every record, mostly with these very constants, which {@code equals} matches by identity.
     */
    static int slotOf(String name) {
        for (int slot = 0; slot < COUNT; slot++) {
            if (ALL.get(slot).equals(name)) {
                return slot;
            }
        }
        return -1;
    }

    private WireFields() {}
}
