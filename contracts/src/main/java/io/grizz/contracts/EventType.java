package io.grizz.contracts;

import java.util.Optional;

/** The kind of change a message-write event describes, with its name on the wire. */
public enum EventType {
    CREATED("message.created"),
    UPDATED("message.updated"),
    DELETED("message.deleted");

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
        return switch (s) {
            case "message.created" -> Optional.of(CREATED);
            case "message.updated" -> Optional.of(UPDATED);
            case "message.deleted" -> Optional.of(DELETED);
            default -> Optional.empty();
        };
    }
}
