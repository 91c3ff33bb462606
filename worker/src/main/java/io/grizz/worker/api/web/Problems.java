package io.grizz.worker.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The client errors the endpoints raise; {@link ApiExceptionHandler} renders them as RFC 9457 problems. */
final class Problems {

    private Problems() {}

    /** Unknown, or not the caller's: docs/contract.md §5 answers both alike, so existence does not leak. */
    static ErrorResponseException notFound(String what) {
        return problem(HttpStatus.NOT_FOUND, "No " + what + " here");
    }

    static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
