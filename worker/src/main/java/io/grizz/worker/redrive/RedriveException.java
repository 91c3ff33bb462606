package io.grizz.worker.redrive;

/** A redrive cannot go on; the message is for the operator. */
final class RedriveException extends RuntimeException {

    RedriveException(String message) {
        super(message);
    }

    RedriveException(String message, Throwable cause) {
        super(message, cause);
    }
}
