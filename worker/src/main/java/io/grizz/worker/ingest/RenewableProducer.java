package io.grizz.worker.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer of the write path (announcements, dead letters) whose every wait is bounded, and
 * which is replaced when it stops answering.
 *
 * <p>Kafka bounds a send itself: {@code delivery.timeout.ms} after {@code send()} returns, the
 * record is acknowledged or failed, retries included; {@code max.block.ms} bounds {@code send()}.
 * A send still open well beyond that bound will never end: the producer's network thread is dead
 * (an {@code Error} ends it, as KAFKA-8202 did with a {@code StackOverflowError}) and every later
 * send would hang with it. So a wait that expires closes that producer (briefly, on a thread of
 * its own: closing a broken producer may itself hang) and the next send goes to a new one. The
 * batch that waited fails as an outage and is retried, which is safe: its offsets are committed
 * only after every send succeeded.
 *
 * <p>Once the context is closing ({@code stopping}), open waits end at once, as failures: the
 * batch is abandoned uncommitted, and SIGTERM is not held up by a topic that does not answer.
 */
public final class RenewableProducer implements AutoCloseable {

    /** The broker's answer to one produce request; Kafka's default is 30 s. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** From {@code send()} returning to the record's outcome, retries included; Kafka's default is 120 s. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** {@code send()} waiting for the topic's metadata or for buffer space; Kafka's default is 60 s. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    /** Beyond the delivery timeout: a send without outcome then has a broken producer. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long a replaced or shut-down producer may take to send what it still holds. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration SLICE = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(RenewableProducer.class);

    private final String name;
    private final IntFunction<Producer<byte[], byte[]>> factory;
    private final Duration awaitBound;
    private final BooleanSupplier stopping;
    private Producer<byte[], byte[]> current;
    private int generation;
    private boolean closed;

    /**
     * @param name       what it sends, for the log ("announcements")
     * @param factory    makes the producer of a generation (1, 2, …), e.g. with a client id of its own
     * @param awaitBound how long after its first wait a send may stay without outcome before the producer
     *                   counts as broken; the delivery timeout and a grace for a producer made with
     *                   {@link #bounded}
     * @param stopping   true once the worker is shutting down
     */
    public RenewableProducer(
            String name, IntFunction<Producer<byte[], byte[]>> factory, Duration awaitBound, BooleanSupplier stopping) {
        this.name = name;
        this.factory = factory;
        this.awaitBound = awaitBound;
        this.stopping = stopping;
    }

    /** Around one given producer, made again as itself: for tests that hand in a mock. */
    static RenewableProducer of(Producer<byte[], byte[]> producer) {
        return new RenewableProducer("test", generation -> producer, DELIVERY_TIMEOUT.plus(GRACE), () -> false);
    }

    /** {@code config} with the bounds above, which every wait of this class relies on. */
    public static Map<String, Object> bounded(Map<String, Object> config) {
        Map<String, Object> bounded = new HashMap<>(config);
        bounded.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        bounded.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        bounded.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK.toMillis());
        return bounded;
    }

    /** The topic's partitions as the current producer knows them; bounded by {@code max.block.ms}. */
    public List<PartitionInfo> partitionsFor(String topic) {
        return producer().partitionsFor(topic);
    }

    /** Sends on the current producer; bounded by {@code max.block.ms}. */
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        Producer<byte[], byte[]> producer = producer();
        return new Sent(producer.send(record), producer);
    }

    /**
     * Waits for every send, together at most the await bound, and returns each one's failure, in
     * order: null when the broker has it. A send still open at the bound fails with a
     * {@link TimeoutException}, and the producer it went to is replaced.
     */
    public List<RuntimeException> awaitAll(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + awaitBound.toNanos();
        List<RuntimeException> outcomes = new ArrayList<>(sends.size());
        Set<Producer<byte[], byte[]>> stuck = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Future<RecordMetadata> send : sends) {
            RuntimeException outcome = await(send, deadline);
            if (outcome instanceof TimeoutException && !send.isDone() && send instanceof Sent sent) {
                stuck.add(sent.producer);
            }
            outcomes.add(outcome);
        }
        if (!stopping.getAsBoolean()) {
            stuck.forEach(this::replace);
        }
        return outcomes;
    }

    /** True when the send has failed already, without waiting: the caller need not send more behind it. */
    static boolean failedAlready(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException | RuntimeException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private RuntimeException await(Future<RecordMetadata> send, long deadline) {
        try {
            while (true) {
                if (stopping.getAsBoolean() && !send.isDone()) {
                    return new TimeoutException(name + ": abandoned, the worker is shutting down");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && !send.isDone()) {
                    return new TimeoutException(name + ": no outcome " + awaitBound.toSeconds()
                            + " s after the send, beyond its delivery timeout");
                }
                try {
                    send.get(Math.max(0, Math.min(left, SLICE.toNanos())), TimeUnit.NANOSECONDS);
                    return null;
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // look at the deadline and at shutdown again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TimeoutException(name + ": interrupted while waiting for the broker");
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            return e;
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException(name + ": the producer is closed, the worker is shutting down");
        }
        if (current == null) {
            current = factory.apply(++generation);
        }
        return current;
    }

    /** Closes {@code broken} and lets the next send make a new producer, once per broken producer. */
    private synchronized void replace(Producer<byte[], byte[]> broken) {
        if (broken != current || closed) {
            return;
        }
        log.error(
                "the {} producer (generation {}) left a send without outcome {} ms after it was made, beyond its "
                        + "delivery timeout: it is broken, closing it; the next batch gets a new one",
                name,
                generation,
                awaitBound.toMillis());
        current = null;
        closeInBackground(broken);
    }

    /**
     * {@code close(timeout)} of a producer whose network thread still runs but cannot finish joins
     * it without bound after forcing it; so the close runs on a daemon thread of its own, and
     * nobody waits for it longer than the close timeout.
     */
    private static Thread closeInBackground(Producer<byte[], byte[]> producer) {
        Thread closer = new Thread(
                () -> {
                    try {
                        producer.close(CLOSE_TIMEOUT);
                    } catch (RuntimeException e) {
                        log.warn("closing a producer failed: {}", e.toString());
                    }
                },
                "grizz-producer-close");
        closer.setDaemon(true);
        closer.start();
        return closer;
    }

    /** Closes the current producer, waiting at most a little longer than the close timeout. */
    @Override
    public void close() {
        Producer<byte[], byte[]> producer;
        synchronized (this) {
            closed = true;
            producer = current;
            current = null;
        }
        if (producer == null) {
            return;
        }
        try {
            closeInBackground(producer).join(CLOSE_TIMEOUT.plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A send, and the producer it went to: the one to replace should it never end. */
    private record Sent(Future<RecordMetadata> future, Producer<byte[], byte[]> producer)
            implements Future<RecordMetadata> {

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return future.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public RecordMetadata get() throws InterruptedException, ExecutionException {
            return future.get();
        }

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            return future.get(timeout, unit);
        }
    }
}
