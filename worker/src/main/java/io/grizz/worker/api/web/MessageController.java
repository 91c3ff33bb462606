package io.grizz.worker.api.web;

import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.MessageView;
import io.grizz.worker.api.replica.RevisionWait;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
            summary = "A message; a deleted one answers as its tombstone "
                    + "(deleted_at set, content and metadata null)")
    MessageView message(
            @PathVariable UUID id,
            @Parameter(
                            description = "read-your-writes: the revision an announcement named; on a replica the "
                                    + "answer waits until it shows that revision or a later one, else 503")
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
