package io.grizz.worker.api.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds an instant as a {@code timestamptz} exactly, whatever the JVM's or the session's time zone. */
final class Timestamps {

    private Timestamps() {}

    static OffsetDateTime bind(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
