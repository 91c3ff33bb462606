package io.grizz.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A known stream of events and the exact database state it must leave: every message created,
 * updated up to revision {@code revisions}, and every fifth one deleted at the last revision.
 * The oracle is the one of Kafka's own system tests: nothing missing, nothing stale.
 */
public final class Workload {

    private final List<MessageWrite> events = new ArrayList<>();
    private final Map<UUID, Expected> expected = new HashMap<>();

    public record Expected(int revision, String content, boolean deleted) {}

    private Workload() {}

    /** {@code conversations × messagesEach × revisions} events, each conversation's in order. */
    public static Workload of(int conversations, int messagesEach, int revisions) {
        Workload workload = new Workload();
        for (int c = 0; c < conversations; c++) {
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();
            List<UUID> messages = new ArrayList<>();
            for (int m = 0; m < messagesEach; m++) {
                messages.add(UUID.randomUUID());
            }
            for (int r = 1; r <= revisions; r++) {
                for (int m = 0; m < messagesEach; m++) {
                    UUID message = messages.get(m);
                    boolean deleteAtEnd = (c * messagesEach + m) % 5 == 0;
                    String content = "c" + c + "-m" + m + "-r" + r;
                    MessageWrite event = r == 1
                            ? Events.created(conversation, user, message, r, content)
                            : r == revisions && deleteAtEnd
                                    ? Events.deleted(conversation, user, message, r)
                                    : Events.updated(conversation, user, message, r, content);
                    workload.events.add(event);
                    workload.expected.put(
                            message, new Expected(r, event.isDelete() ? null : content, event.isDelete()));
                }
            }
        }
        return workload;
    }

    public List<MessageWrite> events() {
        return events;
    }

    public int messageCount() {
        return expected.size();
    }

    /** Asserts that the messages table holds exactly the expected state, row by row. */
    public void assertExactlyStoredIn(JdbcTemplate jdbc) {
        Map<UUID, Expected> actual = new HashMap<>();
        jdbc.query("SELECT id, revision, content, deleted_at IS NOT NULL AS deleted FROM messages", row -> {
            actual.put(row.getObject(1, UUID.class), new Expected(row.getInt(2), row.getString(3), row.getBoolean(4)));
        });
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual).isEqualTo(expected);
    }
}
