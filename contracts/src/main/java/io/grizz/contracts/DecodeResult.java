package io.grizz.contracts;

import java.util.Objects;

/**
 * Either a valid event or the reason it was rejected. Bad input is an expected outcome on a
 * topic anyone can write to, so the decoder reports it as a value instead of throwing.
 */
public final class DecodeResult {

    private final MessageWrite event;
    private final Rejection rejection;

    private DecodeResult(MessageWrite event, Rejection rejection) {
        this.event = event;
        this.rejection = rejection;
    }

    public static DecodeResult valid(MessageWrite e) {
        return new DecodeResult(Objects.requireNonNull(e, "event"), null);
    }

    public static DecodeResult rejected(Rejection r) {
        return new DecodeResult(null, Objects.requireNonNull(r, "rejection"));
    }

    public boolean isValid() {
        return event != null;
    }

    /** The decoded event. @throws IllegalStateException if the record was rejected */
    public MessageWrite event() {
        if (event == null) {
            throw new IllegalStateException("record was rejected: " + rejection);
        }
        return event;
    }

    /** Why the record was rejected. @throws IllegalStateException if the record was valid */
    public Rejection rejection() {
        if (rejection == null) {
            throw new IllegalStateException("record is valid; there is no rejection");
        }
        return rejection;
    }

    @Override
    public String toString() {
        return isValid() ? "DecodeResult[valid " + event.eventId() + "]" : "DecodeResult[" + rejection + "]";
    }
}
