package io.grizz.contracts;

import java.util.Optional;

/** The kind of change a message-write event describes, with its name on the wire. */
public enum EventType {
    CREATED("message.created"),
    UPDATED("message.updated"),
    DELETED("message.deleted");

    private static final EventType[] VALUES = values();

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code type} field for this kind of event. */
    public String wireName() {
        return wireName;
    }

    /** The event type whose wire name is exactly {@code s} (case-sensitive), or empty. */
    public static Optional<EventType> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        // a scan, not a string switch: that hashes the parser's new string on every record, and the profile put
        // the hash above all the rest of the field's reading
        for (EventType value : VALUES) {
            if (value.wireName.equals(s)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
