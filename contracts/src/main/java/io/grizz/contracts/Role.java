package io.grizz.contracts;

import java.util.Optional;

/** Who authored a message, with its name on the wire. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant"),
    SYSTEM("system"),
    TOOL("tool");

    private static final Role[] VALUES = values();

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
        // a scan, not a string switch: that hashes the parser's new string on every record, and the profile put
        // the hash above all the rest of the field's reading
        for (Role value : VALUES) {
            if (value.wireName.equals(s)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
