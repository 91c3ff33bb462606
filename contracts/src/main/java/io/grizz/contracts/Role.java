package io.grizz.contracts;

import java.util.Optional;

/** Who authored a message, with its name on the wire. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant"),
    SYSTEM("system"),
    TOOL("tool");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code role} field, also what the {@code messages.role} column stores. */
    public String wireName() {
        return wireName;
    }

    /** The role whose wire name is exactly {@code s} (case-sensitive), or empty. */
    public static Optional<Role> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s) {
            case "user" -> Optional.of(USER);
            case "assistant" -> Optional.of(ASSISTANT);
            case "system" -> Optional.of(SYSTEM);
            case "tool" -> Optional.of(TOOL);
            default -> Optional.empty();
        };
    }
}
