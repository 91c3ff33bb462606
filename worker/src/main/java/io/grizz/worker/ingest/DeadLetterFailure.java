package io.grizz.worker.ingest;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Why the dead-letter topic did not take a dead letter, and so what the worker does about it.
 *
 * <p>Only a refusal of the record itself ({@link #RECORD_REFUSED}: too large, by the broker or by
 * the producer's own {@code max.request.size} / {@code buffer.memory}, or invalid) may let the
 * worker move on without the record's bytes: sending the same bytes again would be refused again.
 * Everything else is an outage an operator can end — a missing permission, a failed
 * authentication, a broker that is away, an error nobody recognised — so the batch is retried,
 * nothing committed, rather than the dead letter dropped on the strength of a guess.
 */
public enum DeadLetterFailure {
    /** The record is refused for what it is; a smaller one may pass. */
    RECORD_REFUSED(false),
    /** An ACL is missing (WRITE on the DLT, or the cluster's IDEMPOTENT_WRITE): an operator grants it. */
    NOT_PERMITTED(true),
    /** SASL or SSL authentication failed, maybe a credential rotated: an operator fixes it. */
    NOT_AUTHENTICATED(true),
    /** The broker says it may pass: unavailable, no leader, a timeout. */
    UNAVAILABLE(true),
    /** An unknown server error or anything else: not the record's fault as far as anyone knows. */
    UNKNOWN(true);

    private final boolean outage;

    DeadLetterFailure(boolean outage) {
        this.outage = outage;
    }

    /** True when the batch must be retried with nothing committed, readiness DOWN meanwhile. */
    public boolean isOutage() {
        return outage;
    }

    /** The class of a failed send's exception. */
    public static DeadLetterFailure of(Throwable failure) {
        if (failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException) {
            return RECORD_REFUSED;
        }
        if (failure instanceof AuthorizationException) {
            return NOT_PERMITTED;
        }
        if (failure instanceof AuthenticationException) {
            return NOT_AUTHENTICATED;
        }
        if (failure instanceof RetriableException) {
            return UNAVAILABLE;
        }
        return UNKNOWN;
    }
}
