package io.grizz.worker.tracing;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * The spans of a batch (docs/contract.md §7), when tracing is configured: one span per batch, linking the
 * context of each record that carries a {@code traceparent} — a batch holds the writes of many producers'
 * traces, so it continues none of them and points at all — and a child span per step of the listener (the
 * database write, the announcements, the dead letters). Off, the tracer is {@link Tracer#NOOP} and this costs
 * a branch per batch.
 *
 * <p>The batch span is opened and closed around the listener by spring-kafka's batch interceptor hooks, on the
 * consumer thread, and is the current span while the listener runs; {@link #step} makes its children. A batch
 * the error handler retries after an outage runs again without a batch span of its own: its steps then make
 * no spans.
 *
 * <p>With Brave and Zipkin, which have no links of their own, each link is kept as a pair of tags on the batch
 * span ({@code links[i].traceId}, {@code links[i].spanId}): searchable in Zipkin by a producer's trace id.
 */
public final class BatchTracing {

    /** OpenTelemetry's default limit of links per span: a batch of 2,000 traced records would carry 4,000 tags. */
    static final int MAX_LINKS = 128;

    private static final Logger log = LoggerFactory.getLogger(BatchTracing.class);

    private final Tracer tracer;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    public BatchTracing(Tracer tracer) {
        this.tracer = tracer;
        if (tracer != Tracer.NOOP) {
            log.info(
                    "tracing: a span per batch ({}), linking its records' traceparent",
                    tracer.getClass().getSimpleName());
        }
    }

    /** Tracing off: no spans. */
    public static BatchTracing off() {
        return new BatchTracing(Tracer.NOOP);
    }

    /**
     * The hooks that open the batch's span before the listener and close it after, for the container's one
     * composite interceptor. Not a bean of its own: Spring Boot applies a {@code BatchInterceptor} bean only
     * when it is the only one.
     */
    public BatchInterceptor<Object, Object> interceptor() {
        return new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(
                    ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                open(records);
                return records;
            }

            @Override
            public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                close(null);
            }

            @Override
            public void failure(
                    ConsumerRecords<Object, Object> records, Exception exception, Consumer<Object, Object> consumer) {
                close(exception);
            }
        };
    }

    private void open(ConsumerRecords<Object, Object> records) {
        if (tracer != Tracer.NOOP) {
            close(null); // a batch whose end the container did not report: not left open under the next
            Span batch = startBatch(records);
            open.set(new Open(batch, tracer.withSpan(batch)));
        }
    }

    /** Runs one step of the batch in a child span of it, which records the step's failure and always ends. */
    public <E extends Exception> void step(String name, Step<E> step) throws E {
        Open batch = open.get();
        if (batch == null) {
            step.run();
            return;
        }
        Span child = tracer.nextSpan(batch.span()).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(child)) {
            step.run();
        } catch (Exception | Error e) {
            child.error(e);
            throw e;
        } finally {
            child.end();
        }
    }

    Span startBatch(ConsumerRecords<Object, Object> records) {
        Span.Builder batch = tracer.spanBuilder()
                .name("grizz.batch")
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.batch.message_count", Integer.toString(records.count()));
        int links = 0;
        int dropped = 0;
        for (ConsumerRecord<Object, Object> record : records) {
            TraceParent parent = TraceParent.of(record.headers()).orElse(null);
            if (parent == null) {
                continue;
            }
            if (links < MAX_LINKS) {
                batch.addLink(new Link(context(parent)));
                links++;
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            batch.tag("grizz.links.dropped", Integer.toString(dropped));
        }
        return batch.setNoParent().start();
    }

    private void close(Exception failure) {
        Open batch = open.get();
        if (batch == null) {
            return;
        }
        open.remove();
        batch.scope().close();
        if (failure != null) {
            batch.span().error(failure);
        }
        batch.span().end();
    }

    private TraceContext context(TraceParent parent) {
        return tracer.traceContextBuilder()
                .traceId(parent.traceId())
                .spanId(parent.spanId())
                .sampled(parent.sampled())
                .build();
    }

    private record Open(Span span, Tracer.SpanInScope scope) {}

    /** A step of a batch: the database write, the announcements, the dead letters. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }
}
