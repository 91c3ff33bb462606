package io.grizz.worker.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RedriveFilterTest {

    @Test
    void withoutFiltersEveryDeadLetterIsTakenWhateverItsReason() {
        RedriveFilter all = RedriveFilter.all();
        assertThat(all.accepts(letter(0, 0, "malformed"))).isTrue();
        assertThat(all.accepts(letter(5, 912, "rejected_by_database"))).isTrue();
        assertThat(all.accepts(letter(1, 3, null)))
                .as("a record without dlt-reason")
                .isTrue();
    }

    @Test
    void aReasonFilterTakesOnlyThoseReasons() {
        RedriveFilter filter = new RedriveFilter(Set.of("rejected_by_database", "owner_mismatch"), null, null, null);
        assertThat(filter.accepts(letter(0, 1, "rejected_by_database"))).isTrue();
        assertThat(filter.accepts(letter(2, 7, "owner_mismatch"))).isTrue();
        assertThat(filter.accepts(letter(0, 2, "malformed"))).isFalse();
        assertThat(filter.accepts(letter(0, 3, null))).isFalse();
    }

    @Test
    void anOffsetRangeIsInclusiveAtBothEndsAndAppliesToEveryPartitionUnlessOneIsGiven() {
        RedriveFilter anyPartition = new RedriveFilter(Set.of(), null, 10L, 12L);
        assertThat(anyPartition.accepts(letter(0, 9, "malformed"))).isFalse();
        assertThat(anyPartition.accepts(letter(0, 10, "malformed"))).isTrue();
        assertThat(anyPartition.accepts(letter(3, 12, "malformed"))).isTrue();
        assertThat(anyPartition.accepts(letter(3, 13, "malformed"))).isFalse();

        RedriveFilter onePartition = new RedriveFilter(Set.of("malformed"), 1, 10L, null);
        assertThat(onePartition.accepts(letter(1, 10, "malformed"))).isTrue();
        assertThat(onePartition.accepts(letter(1, 1_000_000, "malformed"))).isTrue();
        assertThat(onePartition.accepts(letter(0, 10, "malformed"))).isFalse();
        assertThat(onePartition.accepts(letter(1, 10, "too_large"))).isFalse();
        assertThat(onePartition.includesPartition(1)).isTrue();
        assertThat(onePartition.includesPartition(0)).isFalse();
    }

    @Test
    void readingStartsAtTheRangeOrTheFirstOffsetStillThereAndStopsAtTheRangeOrTheEndAtStart() {
        RedriveFilter range = new RedriveFilter(Set.of(), null, 10L, 12L);
        assertThat(range.startOffset(0)).isEqualTo(10);
        assertThat(range.startOffset(50))
                .as("records before 50 are gone (retention)")
                .isEqualTo(50);
        assertThat(range.stopOffset(100)).as("exclusive").isEqualTo(13);
        assertThat(range.stopOffset(11)).as("not past the end at start").isEqualTo(11);

        RedriveFilter open = RedriveFilter.all();
        assertThat(open.startOffset(7)).isEqualTo(7);
        assertThat(open.stopOffset(42)).isEqualTo(42);
    }

    @Test
    void anUnknownReasonOrAnEmptyRangeIsRefusedRatherThanMatchingNothing() {
        assertThatThrownBy(() -> new RedriveFilter(Set.of("rejected-by-database"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown reason rejected-by-database")
                .hasMessageContaining("rejected_by_database");
        assertThatThrownBy(() -> new RedriveFilter(Set.of(), null, 5L, 4L))
                .hasMessageContaining("--from-offset 5 is after --to-offset 4");
        assertThatThrownBy(() -> new RedriveFilter(Set.of(), -1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedriveFilter(Set.of(), null, -3L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static DeadLetter letter(int partition, long offset, String reason) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "writes.dlt",
                partition,
                offset,
                "key".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        if (reason != null) {
            record.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        }
        return new DeadLetter(record);
    }
}
