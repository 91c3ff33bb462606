package io.grizz.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault drill: publish a known workload at a steady rate (with a few truly bad records mixed
 * in), break a component in the middle, mend it, and then check that the database holds exactly
 * the expected state, that the dead-letter topic holds exactly the bad records, and how long the
 * worker took to drain again after the component came back.
 */
public final class Drill {

    private static final Logger log = LoggerFactory.getLogger(Drill.class);
    /** One malformed record after every this many events: the only records allowed on the DLT. */
    private static final int BAD_EVERY = 5_000;

    private final IngestFixture fixture;
    private final Workload workload;
    private final int eventsPerSecond;
    private int badRecords;
    private CompletableFuture<Void> publishing;
    private Instant recoveredAt;

    public Drill(IngestFixture fixture, Workload workload, int eventsPerSecond) {
        this.fixture = fixture;
        this.workload = workload;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Starts publishing in the background, in each conversation's order, at the drill's rate. */
    public Drill startPublishing() {
        List<MessageWrite> events = workload.events();
        badRecords = events.size() / BAD_EVERY;
        publishing = CompletableFuture.runAsync(() -> {
            int slice = Math.max(1, eventsPerSecond / 10);
            long next = System.nanoTime();
            for (int i = 0; i < events.size(); i += slice) {
                List<MessageWrite> part = events.subList(i, Math.min(events.size(), i + slice));
                fixture.send(part);
                for (int j = i; j < i + part.size(); j++) {
                    if ((j + 1) % BAD_EVERY == 0) {
                        fixture.sendRaw(
                                events.get(j).conversationId().toString(),
                                "{\"schema_version\": 1, broken".getBytes(StandardCharsets.UTF_8));
                    }
                }
                next += Duration.ofMillis(100).toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
            }
            fixture.flush();
        });
        return this;
    }

    /** Waits until at least {@code rows} messages are stored: the fault then lands mid-drain. */
    public Drill awaitProgress(long rows) {
        fixture.awaitSchema();
        fixture.awaitTrue(() -> fixture.count("SELECT count(*) FROM messages") >= rows);
        return this;
    }

    /** Marks the moment the broken component is back. */
    public Drill recovered() {
        recoveredAt = Instant.now();
        return this;
    }

    /** Waits for the whole workload, then asserts the exact state and the DLT; logs the recovery figures. */
    public void assertCompleteAndExact(String fault) {
        publishing.join();
        try {
            fixture.awaitCount(
                    Duration.ofSeconds(240),
                    workload.messageCount(),
                    "SELECT count(*) FROM messages WHERE revision = 5");
        } catch (RuntimeException e) {
            throw new AssertionError(
                    fault + ": not everything persisted: "
                            + fixture.count("SELECT count(*) FROM messages WHERE revision = 5") + " of "
                            + workload.messageCount(),
                    e);
        }
        workload.assertExactlyStoredIn(fixture.jdbc());
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(badRecords);
        assertThat(dead)
                .as("only the truly bad records are dead-lettered")
                .hasSize(badRecords)
                .allSatisfy(
                        r -> assertThat(IngestFixture.header(r, "dlt-reason")).isEqualTo("malformed"));
        logRecovery(fault);
    }

    private void logRecovery(String fault) {
        Timestamp firstAfter = recoveredAt == null
                ? null
                : fixture.jdbc()
                        .queryForObject(
                                "SELECT min(persisted_at) FROM messages WHERE persisted_at > ?",
                                Timestamp.class,
                                Timestamp.from(recoveredAt));
        Double longestPause = fixture.jdbc().queryForObject("""
                SELECT extract(epoch FROM max(gap)) FROM (
                  SELECT persisted_at - lag(persisted_at) OVER (ORDER BY persisted_at) AS gap
                    FROM (SELECT DISTINCT persisted_at FROM messages) t) g""", Double.class);
        String recovery = firstAfter == null
                ? "n/a"
                : String.format(
                        "%.2f s",
                        Duration.between(recoveredAt, firstAfter.toInstant()).toMillis() / 1000.0);
        log.info(
                "FAULT {}: {} events exact, {} dead letters (all malformed); component back → draining again: {}; "
                        + "longest pause between commits: {} s",
                fault,
                workload.events().size(),
                badRecords,
                recovery,
                String.format("%.2f", longestPause));
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
