package io.grizz.worker.api.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The client errors the endpoints raise; {@link ApiExceptionHandler} renders them as RFC 9457 problems. */
final class Problems {

    /** When a client should try a read that a replica could not serve yet again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {}

    /** Unknown, or not the caller's: docs/contract.md §5 answers both alike, so existence does not leak. */
    static ErrorResponseException notFound(String what) {
        return problem(HttpStatus.NOT_FOUND, "No " + what + " here");
    }

    /**
     * A read with {@code min_revision} that the read database (a replica) did not reach within the wait: retry, here
     * or on another replica. Unknown and not-yours messages end here too on a replica, so existence does not leak.
     */
    static ErrorResponseException notReplayedYet(int revision, Duration waited) {
        ErrorResponseException problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Revision " + revision + " of this message is not readable here after " + waited.toMillis()
                        + " ms: the read database has not replayed it yet");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return problem;
    }

    static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
