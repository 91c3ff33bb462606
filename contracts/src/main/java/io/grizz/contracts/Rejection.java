package io.grizz.contracts;

import java.util.Objects;

/**
 * Why one record is dead-lettered.
 *
 * @param reason the dead-letter code
 * @param detail a short sentence naming the offending field or input (the {@code dlt-detail}
 *               header); it never quotes message content, so it is safe to log
 */
public record Rejection(RejectionReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
