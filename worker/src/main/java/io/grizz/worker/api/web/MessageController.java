package io.grizz.worker.api.web;

import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.MessageView;
import io.grizz.worker.api.security.Reader;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/contract.md §5: one message, tombstone or not. */
@RestController
@ConditionalOnRole(WorkerRole.READ_API)
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "messages")
class MessageController {

    private final MessageQueries messages;

    MessageController(MessageQueries messages) {
        this.messages = messages;
    }

    @GetMapping("/messages/{id}")
    @Operation(summary = "A message; a deleted one answers as its tombstone "
            + "(deleted_at set, content and metadata null)")
    MessageView message(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        Reader reader = Reader.of(token).orElseThrow();
        return messages.find(id).filter(m -> reader.mayRead(m.userId()))
                .orElseThrow(() -> Problems.notFound("message " + id));
    }
}
