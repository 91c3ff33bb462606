package io.grizz.worker.ingest;

import io.grizz.contracts.Rejection;

/**
 * Why a record goes to the dead-letter topic. spring-kafka writes its class and message into the
 * {@code kafka_dlt-exception-*} headers; the reason code travels in {@code dlt-reason}.
 */
public class DeadLetterException extends RuntimeException {

    private final transient Rejection rejection;

    public DeadLetterException(Rejection rejection) {
        super(rejection.reason().code() + ": " + rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
