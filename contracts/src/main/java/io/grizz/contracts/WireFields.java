package io.grizz.contracts;

import java.util.Set;

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

    private static final Set<String> ALL = Set.of(
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

    /** Whether {@code name} is a field of the v1 event (others are ignored, as the schema allows). */
    static boolean isKnown(String name) {
        return ALL.contains(name);
    }

    private WireFields() {}
}
