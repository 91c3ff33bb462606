package io.grizz.load.kafka;

import io.grizz.load.measure.ProgressBar;
import io.grizz.load.workload.EventRecorder;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.FinalWriteTimes;
import io.grizz.load.workload.OutgoingEvent;
import io.grizz.load.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a workload to Kafka, keyed by conversation (docs/contract.md §3).
 *
 * <p>{@link #writers} models the upstream services: W writers, each sending its next event only once the previous
 * one is acknowledged, as a request handler does before it answers. The writers are logical, not threads: one
 * dispatcher thread sends for all of them and the producer's callbacks hand each writer back when its event is
 * acknowledged. The dispatcher wakes at most once per {@value #TICK_MICROS} µs and then handles every
 * acknowledgement and every due event at once: two hundred threads, or one thread woken per acknowledgement, cost a
 * good part of a core at 10,000 events/s, which on a small machine is taken from the worker and PostgreSQL being
 * measured. An event sent up to a tick late still carries the time it was due, so the latency includes the tick.
 *
 * <p>{@link #prefill} just fills a topic as fast as one thread can.
 */
public final class EventPublisher {

    /** The dispatcher's shortest sleep. */
    static final long TICK_MICROS = 1_000;
    /** Its longest, when nothing is in flight or due soon. */
    private static final long IDLE_WAIT_MICROS = 100_000;

    /** The header every record of a run carries, so what a run leaves on a shared topic can be told apart. */
    public static final String RUN_HEADER = "grizz-load-run";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RunClock clock;
    private final byte[] runId;

    public EventPublisher(Producer<byte[], byte[]> producer, String topic, RunClock clock, String runId) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.runId = runId.getBytes(StandardCharsets.UTF_8);
    }

    private ProducerRecord<byte[], byte[]> record(OutgoingEvent event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, event.key(), event.value());
        record.headers().add(RUN_HEADER, runId);
        return record;
    }

    /**
     * Sends every writer's events, paced, until all are acknowledged or one send fails.
     *
     * @param recorder where to record the events as JSON lines, or null
     */
    public PublishResult writers(
            Workload workload, Pacing pacing, FinalWriteTimes times, EventRecorder recorder, ProgressBar progress)
            throws InterruptedException {
        return new Dispatch(workload.streams(), pacing, times, recorder, progress).run();
    }

    /**
     * Sends every event of {@code workload}, writer after writer or one event of each writer in turn (as
     * {@link Workload#prefillInTurns()} says), without waiting for each acknowledgement (the idempotent producer
     * keeps each partition's order), and waits for all acknowledgements at the end.
     */
    public PublishResult prefill(Workload workload, FinalWriteTimes times, ProgressBar progress) {
        Tally tally = new Tally();
        EventStream[] streams = workload.streams();
        if (workload.prefillInTurns()) {
            boolean sentAny = true;
            while (sentAny && tally.failure.get() == null) {
                sentAny = false;
                for (EventStream stream : streams) {
                    if (stream.hasNext() && tally.failure.get() == null) {
                        send(stream, times, progress, tally);
                        sentAny = true;
                    }
                }
            }
        } else {
            for (EventStream stream : streams) {
                while (stream.hasNext() && tally.failure.get() == null) {
                    send(stream, times, progress, tally);
                }
            }
        }
        producer.flush();
        tally.lastAck.accumulate(clock.nowMicros());
        return tally.result();
    }

    /** Sends the stream's next event without waiting for its acknowledgement. */
    private void send(EventStream stream, FinalWriteTimes times, ProgressBar progress, Tally tally) {
        long now = clock.nowMicros();
        OutgoingEvent event = stream.next(RunClock.instant(now));
        tally.firstSend.accumulate(now);
        times.sent(event, now);
        try {
            producer.send(record(event), (metadata, exception) -> {
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

    /**
     * One run of {@link #writers}. A writer is in exactly one place at a time: in flight (its event sent, not yet
     * acknowledged), in {@code acknowledged} (handed back by the producer's I/O thread), in {@code waiting} (its next
     * event not due yet), or done. Only the dispatcher thread touches the streams, {@code waiting} and {@code sent}.
     */
    private final class Dispatch {

        private final EventStream[] streams;
        private final Pacing pacing;
        private final FinalWriteTimes times;
        private final EventRecorder recorder;
        private final ProgressBar progress;
        private final int[] sent;
        private final Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        private final PriorityQueue<Turn> waiting = new PriorityQueue<>(Comparator.comparingLong(Turn::micros));
        private final Tally tally = new Tally();
        private int inFlight;

        Dispatch(
                EventStream[] streams,
                Pacing pacing,
                FinalWriteTimes times,
                EventRecorder recorder,
                ProgressBar progress) {
            this.streams = streams;
            this.pacing = pacing;
            this.times = times;
            this.recorder = recorder;
            this.progress = progress;
            this.sent = new int[streams.length];
        }

        PublishResult run() throws InterruptedException {
            for (int w = 0; w < streams.length; w++) {
                schedule(w);
            }
            while (inFlight > 0 || !waiting.isEmpty()) {
                for (Integer writer = acknowledged.poll(); writer != null; writer = acknowledged.poll()) {
                    inFlight--;
                    if (tally.failure.get() == null) {
                        schedule(writer);
                    }
                }
                long now = clock.nowMicros();
                while (!waiting.isEmpty() && waiting.peek().micros() <= now && tally.failure.get() == null) {
                    send(waiting.poll());
                }
                if (tally.failure.get() != null) {
                    waiting.clear();
                }
                if (acknowledged.isEmpty()) {
                    LockSupport.parkNanos(sleepMicros(now) * 1_000);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("publishing was interrupted");
                    }
                }
            }
            return tally.result();
        }

        /**
         * A tick while acknowledgements are awaited; else until the next event is due, within a tick and the idle
         * wait; nothing when nothing is left.
         */
        private long sleepMicros(long now) {
            if (inFlight > 0) {
                return TICK_MICROS;
            }
            if (waiting.isEmpty()) {
                return 0;
            }
            return Math.max(TICK_MICROS, Math.min(waiting.peek().micros() - now, IDLE_WAIT_MICROS));
        }

        /** Queues the writer's next event at its due time (unscheduled ones are due now). */
        private void schedule(int writer) {
            if (streams[writer].hasNext()) {
                long due = pacing.dueMicros(writer, sent[writer]);
                boolean scheduled = due != Pacing.UNSCHEDULED;
                waiting.add(new Turn(scheduled ? due : clock.nowMicros(), writer, scheduled));
            }
        }

        /** A scheduled event carries the time it was due, an unscheduled one the moment it goes out. */
        private void send(Turn turn) {
            int writer = turn.writer();
            long sendTime = turn.scheduled() ? turn.micros() : clock.nowMicros();
            OutgoingEvent event = streams[writer].next(RunClock.instant(sendTime));
            sent[writer]++;
            if (recorder != null) {
                recorder.record(event);
            }
            tally.firstSend.accumulate(sendTime);
            times.sent(event, sendTime);
            inFlight++;
            try {
                producer.send(record(event), (metadata, exception) -> {
                    if (exception != null) {
                        tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + exception);
                    } else {
                        tally.lastAck.accumulate(clock.nowMicros());
                        tally.sent.incrementAndGet();
                        progress.advance(1);
                    }
                    acknowledged.add(writer);
                });
            } catch (RuntimeException e) {
                tally.failure.compareAndSet(null, "sending seq " + event.seq() + " failed: " + e);
                acknowledged.add(writer);
            }
        }
    }

    /** A writer's next event and when it is due. */
    private record Turn(long micros, int writer, boolean scheduled) {}

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
