package io.grizz.worker.api.web;

import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.MessageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** docs/contract.md §5: one message, tombstone or not. */
@ReadApiController
@Tag(name = "messages")
class MessageController {

    private final MessageQueries messages;

    MessageController(MessageQueries messages) {
        this.messages = messages;
    }

    @GetMapping("/messages/{id}")
    @Operation(
            summary = "A message; a deleted one answers as its tombstone "
                    + "(deleted_at set, content and metadata null)")
    MessageView message(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return Access.readable(token, messages.find(id), MessageView::userId, "message " + id);
    }
}
