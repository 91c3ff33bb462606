package io.grizz.worker.ingest;

import io.grizz.worker.store.MessageRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hook for the next stage (SPEC §6, {@code GRIZZ_PERSISTED_TOPIC}): after a batch's
 * transaction commits, one notification per applied event, keyed by conversation id so a
 * conversation's notifications stay in order.
 *
 * <p>Guarantee: at least once. The listener sends them after the database commit and waits for
 * the broker's acknowledgement before it returns, so before the source offsets are committed; a
 * crash in between redelivers the batch, whose events are then no-ops — and no-ops notify
 * nothing. So a consumer may see an applied event twice only if the worker died between these
 * two steps, and must treat {@code event_id} as the idempotency key.
 */
public class PersistedNotifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<byte[], byte[]> template;
    private final String topic;

    public PersistedNotifier(KafkaTemplate<byte[], byte[]> template, String topic) {
        this.template = template;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Sends one notification per written row and waits until the broker has them all. */
    public void notifyPersisted(List<MessageRow> written, Instant persistedAt) {
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(written.size());
        for (MessageRow row : written) {
            byte[] key = row.conversationId().toString().getBytes(StandardCharsets.UTF_8);
            sends.add(template.send(topic, key, JSON.writeValueAsBytes(notification(row, persistedAt))));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    static Map<String, Object> notification(MessageRow row, Instant persistedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", row.eventId().toString());
        body.put("type", row.type().wireName());
        body.put("message_id", row.id().toString());
        body.put("conversation_id", row.conversationId().toString());
        body.put("user_id", row.userId().toString());
        body.put("revision", row.revision());
        body.put("persisted_at", persistedAt.toString());
        return body;
    }
}
