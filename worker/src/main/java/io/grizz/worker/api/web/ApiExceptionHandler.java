package io.grizz.worker.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the web layer answers is an RFC 9457 problem, through Spring's own ProblemDetail
 * support: the client errors Spring MVC knows (400 for an id or limit that does not parse, 404 for
 * an unknown path, 405, 406) come from {@link ResponseEntityExceptionHandler}, those of the
 * endpoints from {@link Problems}. Anything else is logged here and answered without its message:
 * a body never carries a stack trace or SQL text.
 *
 * <p>Not tied to the read-api role: an ingest-only instance answers its unknown paths
 * (including {@code /v1/...}) the same way.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The database (or the pooler) is down or busy: worth retrying, and not the request's fault. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ProblemDetail databaseUnavailable(Exception e) {
        log.warn(
                "read failed, database unavailable: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The database is not answering");
    }

    /**
     * A read past its statement timeout (docs/contract.md §5): the database is busy or the read is
     * huge; either way, retry later.
     */
    @ExceptionHandler(QueryTimeoutException.class)
    ProblemDetail readTimedOut(QueryTimeoutException e) {
        log.warn(
                "read cancelled at its statement timeout: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The read took longer than its statement timeout");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("read failed", e);
        return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
