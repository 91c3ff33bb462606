package io.grizz.worker.support;

import io.grizz.contracts.MessageWrite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Workload} published in the background at a steady rate, each conversation's events in order, with a
 * malformed record after every {@code badEvery} events, each one numbered so that the dead-letter topic can be
 * checked record by record: the feed of a drill whose faults last longer than one of {@link Drill}'s, and whose
 * dead letters may be written more than once (a batch retried after its dead letters were sent).
 */
public final class SteadyPublisher {

    private static final String BAD_PREFIX = "{\"schema_version\": 1, broken #";

    private final IngestFixture fixture;
    private final Workload workload;
    private final int eventsPerSecond;
    private final int badEvery;
    private final List<String> badRecords = new ArrayList<>();
    private CompletableFuture<Void> publishing;

    public SteadyPublisher(IngestFixture fixture, Workload workload, int eventsPerSecond, int badEvery) {
        this.fixture = fixture;
        this.workload = workload;
        this.eventsPerSecond = eventsPerSecond;
        this.badEvery = badEvery;
        List<MessageWrite> events = workload.events();
        for (int i = badEvery - 1; i < events.size(); i += badEvery) {
            badRecords.add(BAD_PREFIX + i);
        }
    }

    /** Starts publishing: a tenth of a second's events at a time, each slice acknowledged before the next. */
    public SteadyPublisher start() {
        List<MessageWrite> events = workload.events();
        publishing = CompletableFuture.runAsync(
                () -> {
                    int slice = Math.max(1, eventsPerSecond / 10);
                    long next = System.nanoTime();
                    for (int i = 0; i < events.size(); i += slice) {
                        List<MessageWrite> part = events.subList(i, Math.min(events.size(), i + slice));
                        fixture.send(part);
                        for (int j = i; j < i + part.size(); j++) {
                            if ((j + 1) % badEvery == 0) {
                                fixture.sendRaw(
                                        events.get(j).conversationId().toString(),
                                        (BAD_PREFIX + j).getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        next += Duration.ofMillis(100).toNanos();
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Drill.sleep(Duration.ofNanos(wait));
                        }
                    }
                    fixture.flush();
                },
                runnable -> {
                    Thread thread = new Thread(runnable, "steady-publisher");
                    thread.setDaemon(true);
                    thread.start();
                });
        return this;
    }

    /** Waits until at least {@code rows} messages are stored. */
    public SteadyPublisher awaitProgress(long rows) {
        fixture.awaitSchema();
        fixture.awaitTrue(() -> fixture.count("SELECT count(*) FROM messages") >= rows);
        return this;
    }

    /** Whether every event and bad record has been acknowledged by the broker. */
    public boolean isDone() {
        return publishing.isDone();
    }

    /** Waits until every event and bad record has been acknowledged by the broker. */
    public void join() {
        publishing.join();
    }

    /** The bodies of the malformed records, each published once. */
    public List<String> badRecords() {
        return List.copyOf(badRecords);
    }
}
