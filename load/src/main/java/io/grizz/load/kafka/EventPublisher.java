package io.grizz.load.kafka;

import io.grizz.load.measure.ProgressBar;
import io.grizz.load.workload.EventRecorder;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.FinalWriteTimes;
import io.grizz.load.workload.OutgoingEvent;
import io.grizz.load.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a workload to Kafka, keyed by conversation (SPEC §3).
 *
 * <p>{@link #writers} models the upstream services: one thread per writer, each sending its next event only once
 * the previous one is acknowledged, as a request handler does before it answers. {@link #prefill} just fills a topic
 * as fast as one thread can.
 */
public final class EventPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RunClock clock;

    public EventPublisher(Producer<byte[], byte[]> producer, String topic, RunClock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Runs every writer of {@code workload} in its own thread until all are done or one send fails.
     *
     * @param recorder where to record the events as JSON lines, or null
     */
    public PublishResult writers(Workload workload, Pacing pacing, FinalWriteTimes times, EventRecorder recorder,
                                 ProgressBar progress) throws InterruptedException {
        EventStream[] streams = workload.streams();
        Tally tally = new Tally();
        List<Thread> threads = new ArrayList<>(streams.length);
        for (int w = 0; w < streams.length; w++) {
            int writer = w;
            Thread thread = new Thread(() -> runWriter(writer, streams[writer], pacing, times, recorder, tally, progress),
                    "grizz-load-writer-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally.result();
    }

    private void runWriter(int writer, EventStream stream, Pacing pacing, FinalWriteTimes times,
                           EventRecorder recorder, Tally tally, ProgressBar progress) {
        for (int k = 0; stream.hasNext() && tally.failure.get() == null; k++) {
            long due = pacing.awaitTurn(writer, k);
            OutgoingEvent event = stream.next(RunClock.instant(due));
            if (recorder != null) {
                recorder.record(event);
            }
            tally.firstSend.accumulate(due);
            try {
                producer.send(new ProducerRecord<>(topic, event.key(), event.value())).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tally.failure.compareAndSet(null, "writer " + writer + " was interrupted");
                return;
            } catch (ExecutionException e) {
                tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + e.getCause());
                return;
            } catch (RuntimeException e) {
                tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + e);
                return;
            }
            tally.lastAck.accumulate(clock.nowMicros());
            times.sent(event, due);
            tally.sent.incrementAndGet();
            progress.advance(1);
        }
    }

    /**
     * Sends every event of {@code workload}, writer after writer, without waiting for each acknowledgement (the
     * idempotent producer keeps each partition's order), and waits for all acknowledgements at the end.
     */
    public PublishResult prefill(Workload workload, FinalWriteTimes times, ProgressBar progress) {
        Tally tally = new Tally();
        for (EventStream stream : workload.streams()) {
            while (stream.hasNext() && tally.failure.get() == null) {
                long now = clock.nowMicros();
                OutgoingEvent event = stream.next(RunClock.instant(now));
                tally.firstSend.accumulate(now);
                times.sent(event, now);
                try {
                    producer.send(new ProducerRecord<>(topic, event.key(), event.value()), (metadata, exception) -> {
                        if (exception != null) {
                            tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + exception);
                        } else {
                            tally.sent.incrementAndGet();
                            progress.advance(1);
                        }
                    });
                } catch (RuntimeException e) {
                    tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + e);
                }
            }
        }
        producer.flush();
        tally.lastAck.accumulate(clock.nowMicros());
        return tally.result();
    }

    private static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final LongAccumulator firstSend = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator lastAck = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final AtomicReference<String> failure = new AtomicReference<>();

        PublishResult result() {
            long first = firstSend.get() == Long.MAX_VALUE ? 0 : firstSend.get();
            long last = lastAck.get() == Long.MIN_VALUE ? first : lastAck.get();
            return new PublishResult(sent.get(), first, last, failure.get());
        }
    }
}
