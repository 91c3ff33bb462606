package io.grizz.contracts;

/**
 * Carries a {@link Rejection} from the check that failed straight out of the decoder, so each
 * check is a guard clause and the first one to fail decides. It never leaves this package:
 * {@link MessageWriteDecoder#decode} turns it into a {@link DecodeResult}. No stack trace is
 * filled in, as bad records are routine and the trace would say nothing useful.
 */
final class EventRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    EventRejected(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.rejection = new Rejection(reason, detail);
    }

    static EventRejected schemaViolation(String detail) {
        return new EventRejected(RejectionReason.SCHEMA_VIOLATION, detail);
    }

    Rejection rejection() {
        return rejection;
    }
}
