package io.grizz.load.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventMixTest {

    @Test
    void readsPositionalAndNamedShares() {
        assertThat(EventMix.parse("70,25,5")).isEqualTo(new EventMix(70, 25, 5));
        assertThat(EventMix.parse("deleted=10, created=90")).isEqualTo(new EventMix(90, 0, 10));
        assertThat(EventMix.parse("100")).isEqualTo(EventMix.CREATED_ONLY);
    }

    @Test
    void countsAddUpToTheEventsExactly() {
        for (int events : new int[] {1, 7, 2_000, 10_000, 99_999}) {
            EventMix.Counts counts = EventMix.DEFAULT.counts(events);
            assertThat(counts.events()).isEqualTo(events);
            assertThat(counts.deletes()).isLessThanOrEqualTo(counts.messages());
        }
        assertThat(EventMix.DEFAULT.counts(10_000)).isEqualTo(new EventMix.Counts(7_000, 2_500, 500));
    }

    @Test
    void refusesMixesNoWorkloadCanHave() {
        assertThatThrownBy(() -> EventMix.parse("50,25,5")).hasMessageContaining("add up to 100");
        assertThatThrownBy(() -> EventMix.parse("0,100,0")).hasMessageContaining("created > 0");
        assertThatThrownBy(() -> EventMix.parse("40,0,60")).hasMessageContaining("deleted <= created");
        assertThatThrownBy(() -> EventMix.parse("created=90,moved=10"))
                .hasMessageContaining("unknown event kind 'moved'");
        assertThatThrownBy(() -> EventMix.parse("70,25,x")).hasMessageContaining("'x'");
    }
}
