package io.grizz.worker.api.web;

import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.MessageView;
import io.grizz.worker.api.replica.RevisionWait;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** docs/contract.md §5: one message, tombstone or not. */
@ReadApiController
@Tag(name = "messages")
class MessageController {

    private final MessageQueries messages;
    private final RevisionWait revisionWait;

    MessageController(MessageQueries messages, RevisionWait revisionWait) {
        this.messages = messages;
        this.revisionWait = revisionWait;
    }

    @GetMapping("/messages/{id}")
    @Operation(
            operationId = "getMessage",
            summary = "A message; a deleted one answers as its tombstone "
                    + "(deleted_at set, content and metadata null)")
    @ApiResponse(responseCode = "200", description = "The message, or its tombstone")
    @ApiResponse(responseCode = "400", description = "id is not a UUID, or min_revision not a number of at least 1")
    @ApiResponse(
            responseCode = "404",
            description = "No such message, or not the caller's: both answer alike, so that existence does not "
                    + "leak (with min_revision on a replica: 503 instead)")
    @ApiResponse(
            responseCode = "503",
            description = "The database is not answering, or the read passed its statement timeout; or, with "
                    + "min_revision, the read database did not show that revision within READ_API_MIN_REVISION_WAIT "
                    + "(on a replica also when the message is unknown or not the caller's): retry later",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "seconds to wait before asking again; sent when the wait for "
                                    + "min_revision ran out",
                            schema = @Schema(types = "integer")))
    MessageView message(
            @PathVariable @Parameter(description = "the message's id") UUID id,
            @Parameter(
                            description = "read-your-writes: the revision an announcement named; on a replica the "
                                    + "answer waits until it shows that revision or a later one, else 503",
                            schema = @Schema(types = "integer", format = "int32", minimum = "1"))
                    @RequestParam(name = "min_revision", required = false)
                    Integer minRevision,
            @AuthenticationPrincipal Jwt token) {
        String what = "message " + id;
        if (minRevision == null) {
            return Access.readable(token, messages.find(id), MessageView::userId, what);
        }
        if (minRevision < 1) {
            throw Problems.badRequest("min_revision must be at least 1");
        }
        RevisionWait.Waited<MessageView> waited = revisionWait.until(
                () -> messages.find(id),
                message -> Access.mayRead(token, message.userId()) && message.revision() >= minRevision);
        if (waited.timedOut()) {
            throw Problems.notReplayedYet(minRevision, revisionWait.longest());
        }
        return Access.readable(token, waited.found(), MessageView::userId, what);
    }
}
