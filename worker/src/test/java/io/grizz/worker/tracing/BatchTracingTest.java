package io.grizz.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch's spans, on a real Brave tracer (the one Spring Boot configures) reporting to a list. */
class BatchTracingTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final List<MutableSpan> reported = new ArrayList<>();
    private final Tracing brave = Tracing.newBuilder()
            .sampler(Sampler.ALWAYS_SAMPLE)
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    reported.add(span);
                    return true;
                }
            })
            .build();
    private final BatchTracing tracing = new BatchTracing(
            new BraveTracer(brave.tracer(), new BraveCurrentTraceContext(brave.currentTraceContext())));

    @AfterEach
    void close() {
        brave.close();
    }

    @Test
    void aBatchLinksItsRecordsAndItsStepsAreItsChildren() {
        ConsumerRecords<Object, Object> records = records(2);
        tracing.interceptor().intercept(records, null);
        tracing.step("grizz.batch.write", () -> {});
        tracing.step("grizz.batch.announce", () -> {});
        tracing.interceptor().success(records, null);

        assertThat(reported)
                .extracting(MutableSpan::name)
                .containsExactly("grizz.batch.write", "grizz.batch.announce", "grizz.batch");
        MutableSpan batch = reported.get(2);
        assertThat(batch.parentId()).isNull();
        assertThat(batch.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(batch.tags())
                .containsEntry("links[0].traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("links[0].spanId", "00f067aa0ba902b7")
                .containsEntry("messaging.batch.message_count", "3");
        assertThat(reported.get(0).parentId()).isEqualTo(batch.id());
        assertThat(reported.get(1).parentId()).isEqualTo(batch.id());
        assertThat(brave.currentTraceContext().get())
                .as("nothing left in scope")
                .isNull();
    }

    @Test
    void aFailedStepEndsWithItsErrorAndSoDoesTheBatch() {
        ConsumerRecords<Object, Object> records = records(1);
        tracing.interceptor().intercept(records, null);
        IllegalStateException outage = new IllegalStateException("database down");
        assertThatThrownBy(() -> tracing.step("grizz.batch.write", () -> {
                    throw outage;
                }))
                .isSameAs(outage);
        tracing.interceptor().failure(records, outage, null);

        assertThat(reported)
                .hasSize(2)
                .allSatisfy(span -> assertThat(span.error()).isSameAs(outage));
    }

    @Test
    void withoutAnOpenBatchAStepJustRuns() {
        List<String> ran = new ArrayList<>();
        tracing.step("grizz.batch.write", () -> ran.add("write"));
        BatchTracing.off().step("grizz.batch.write", () -> ran.add("off"));
        assertThat(ran).containsExactly("write", "off");
        assertThat(reported).isEmpty();
    }

    /** {@code traced} records with the W3C example's traceparent, and one without. */
    private static ConsumerRecords<Object, Object> records(int traced) {
        List<ConsumerRecord<Object, Object>> list = new ArrayList<>();
        for (int i = 0; i <= traced; i++) {
            ConsumerRecord<Object, Object> record = new ConsumerRecord<>("writes", 0, i, new byte[0], new byte[0]);
            if (i < traced) {
                record.headers().add(TraceParent.HEADER, PARENT.getBytes(StandardCharsets.US_ASCII));
            }
            list.add(record);
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("writes", 0), list), Map.of());
    }
}
