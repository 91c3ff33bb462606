package io.grizz.worker.api.web;

import io.grizz.worker.api.paging.Page;
import io.grizz.worker.api.paging.Position;
import io.grizz.worker.api.query.ConversationQueries;
import io.grizz.worker.api.query.ConversationView;
import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.MessageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** docs/contract.md §5: a conversation, its messages, and a user's conversations. */
@ReadApiController
@Tag(name = "conversations")
class ConversationController {

    private static final String NO_CONVERSATION =
            "No such conversation, or not the caller's: both answer alike, so that existence does not leak";

    private final ConversationQueries conversations;
    private final MessageQueries messages;
    private final Pager pager;

    ConversationController(ConversationQueries conversations, MessageQueries messages, Pager pager) {
        this.conversations = conversations;
        this.messages = messages;
        this.pager = pager;
    }

    @GetMapping("/conversations/{id}")
    @Operation(operationId = "getConversation", summary = "A conversation, with the number of its messages not deleted")
    @ApiResponse(responseCode = "200", description = "The conversation")
    @ApiResponse(responseCode = "400", description = "id is not a UUID")
    @ApiResponse(responseCode = "404", description = NO_CONVERSATION)
    ConversationView conversation(
            @PathVariable @Parameter(description = "the conversation's id") UUID id,
            @AuthenticationPrincipal Jwt token) {
        return Access.readable(token, conversations.find(id), ConversationView::userId, "conversation " + id);
    }

    @GetMapping("/conversations/{id}/messages")
    @Operation(
            operationId = "listConversationMessages",
            summary = "A conversation's messages, oldest first (created_at, then id), one page at a time",
            description = "A page ends early, with a next_cursor, once its messages hold more than 8 MiB of content "
                    + "and metadata; it always holds at least one.")
    @ApiResponse(responseCode = "200", description = "A page of the conversation's messages")
    @ApiResponse(
            responseCode = "400",
            description = "id is not a UUID, limit not a number from 1 to " + Pager.MAX_LIMIT
                    + ", include_deleted not true or false, or cursor malformed, altered or from another list")
    @ApiResponse(responseCode = "404", description = NO_CONVERSATION)
    Page<MessageView> messages(
            @PathVariable @Parameter(description = "the conversation's id") UUID id,
            @RequestParam(defaultValue = "" + Pager.DEFAULT_LIMIT)
                    @Parameter(
                            description = "page size",
                            schema =
                                    @Schema(
                                            types = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + Pager.MAX_LIMIT,
                                            defaultValue = "" + Pager.DEFAULT_LIMIT))
                    int limit,
            @RequestParam(required = false)
                    @Parameter(description = "next_cursor of the previous page; omit for the first page")
                    String cursor,
            @RequestParam(name = "include_deleted", defaultValue = "false")
                    @Parameter(description = "also list tombstones (content and metadata null, deleted_at set)")
                    boolean includeDeleted,
            @AuthenticationPrincipal Jwt token) {
        pager.checkLimit(limit);
        Access.check(token, conversations.ownerOf(id), "conversation " + id);
        String list = "messages:" + id;
        Optional<Position> start = pager.start(list, cursor);
        MessageQueries.Budgeted rows = messages.ofConversation(id, includeDeleted, start, pager.rowsToFetch(limit));
        // a page that reached the byte budget ends there, its cursor after the last message it holds
        return pager.page(list, rows.rows(), Math.min(limit, rows.fitting()), m -> new Position(m.createdAt(), m.id()));
    }

    @GetMapping("/users/{user_id}/conversations")
    @Operation(
            operationId = "listUserConversations",
            summary = "A user's conversations, most recently updated first (then id), one page at a time",
            description = "Only the user themself, or a service, may list them; anyone else gets 404.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of the user's conversations (none for a user without any, or unknown)")
    @ApiResponse(
            responseCode = "400",
            description = "user_id is not a UUID, limit not a number from 1 to " + Pager.MAX_LIMIT
                    + ", or cursor malformed, altered or from another list")
    @ApiResponse(
            responseCode = "404",
            description = "Another user's list: a user's token lists only that user's conversations")
    Page<ConversationView> conversationsOfUser(
            @PathVariable("user_id") @Parameter(description = "the owner") UUID userId,
            @RequestParam(defaultValue = "" + Pager.DEFAULT_LIMIT)
                    @Parameter(
                            description = "page size",
                            schema =
                                    @Schema(
                                            types = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + Pager.MAX_LIMIT,
                                            defaultValue = "" + Pager.DEFAULT_LIMIT))
                    int limit,
            @RequestParam(required = false)
                    @Parameter(description = "next_cursor of the previous page; omit for the first page")
                    String cursor,
            @AuthenticationPrincipal Jwt token) {
        pager.checkLimit(limit);
        Access.check(token, Optional.of(userId), "conversations of user " + userId);
        String list = "conversations:" + userId;
        Optional<Position> start = pager.start(list, cursor);
        List<ConversationView> rows = conversations.ofUser(userId, start, pager.rowsToFetch(limit));
        return pager.page(list, rows, limit, c -> new Position(c.updatedAt(), c.id()));
    }
}
