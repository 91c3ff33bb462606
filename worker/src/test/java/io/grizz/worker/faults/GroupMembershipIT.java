package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Drill;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scaling out mid-drain: a second instance joins the consumer group (partitions move to it),
 * then leaves again (they move back). Rebalances must neither lose nor duplicate.
 */
class GroupMembershipIT {

    @Test
    void aSecondInstanceJoiningAndLeavingMidDrainChangesNothing() {
        try (IngestFixture fixture = IngestFixture.create("group", 6)) {
            ConfigurableApplicationContext first = fixture.startWorker();
            Drill drill = new Drill(fixture, Workload.of(1_200, 5, 5), 2_000)
                    .startPublishing()
                    .awaitProgress(500);

            ConfigurableApplicationContext second = fixture.startWorker();
            Drill.sleep(Duration.ofSeconds(5));
            second.close();
            drill.recovered();

            drill.assertCompleteAndExact("second instance joined for 5 s, then left");
            assertThat(first.isRunning()).isTrue();
        }
    }
}
