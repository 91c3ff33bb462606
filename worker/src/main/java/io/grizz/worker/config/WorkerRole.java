package io.grizz.worker.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What one deployment of the worker does (docs/contract.md §6, {@code GRIZZ_ROLES}). */
public enum WorkerRole {
    /** Kafka → PostgreSQL. */
    INGEST("ingest"),
    /** The HTTP read API of docs/contract.md §5. */
    READ_API("read-api");

    private final String setting;

    WorkerRole(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static Optional<WorkerRole> fromSetting(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (WorkerRole role : values()) {
            if (role.setting.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a comma-separated list such as {@code ingest,read-api}.
     *
     * @throws IllegalArgumentException naming the unknown entry
     */
    public static Set<WorkerRole> parseList(String value) {
        Set<WorkerRole> roles = EnumSet.noneOf(WorkerRole.class);
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            roles.add(fromSetting(part)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown role '" + part.trim() + "' (known: ingest, read-api)")));
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role given (known: ingest, read-api)");
        }
        return roles;
    }
}
