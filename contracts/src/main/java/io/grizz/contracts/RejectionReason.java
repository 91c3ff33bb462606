package io.grizz.contracts;

/**
 * Why a record can never be applied; {@link #code()} is the value of the {@code dlt-reason}
 * header on the dead-letter topic (docs/contract.md §3).
 */
public enum RejectionReason {
    MALFORMED("malformed"),
    SCHEMA_VIOLATION("schema_violation"),
    UNSUPPORTED_VERSION("unsupported_version"),
    KEY_MISMATCH("key_mismatch"),
    OWNER_MISMATCH("owner_mismatch"),
    TOO_LARGE("too_large"),
    REJECTED_BY_DATABASE("rejected_by_database");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** The dead-letter code, as operators and dashboards see it. */
    public String code() {
        return code;
    }
}
