package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.PrometheusScrape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §7: {@code grizz_partition_lag_seconds{partition}} is the age of the oldest record of the
 * partition not committed yet. A batch held up (here by a row lock someone else holds) makes it grow with the
 * clock; once the batch is written and the partition read to its end, it is 0.
 */
class PartitionLagIT {

    @Test
    void theLagInSecondsGrowsWhileABatchIsHeldUpAndIsZeroOnceCaughtUp() throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        try (IngestFixture fixture = IngestFixture.create("partition_lag", 1)) {
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.statement-timeout", "1s"));
            int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
            UUID first = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, first, 1, "before the lock"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", first);
            await().atMost(Duration.ofSeconds(10)).until(() -> lag(port) == 0.0);

            UUID second = UUID.randomUUID();
            try (Connection holder = fixture.connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock =
                        holder.prepareStatement("SELECT * FROM conversations WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, conversation);
                    lock.executeQuery().close();
                }
                long sent = System.nanoTime();
                fixture.send(Events.created(conversation, user, second, 1, "while locked"));
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> lag(port) >= 4.0);
                double seen = lag(port);
                assertThat(seen)
                        .as("no older than the record itself")
                        .isLessThanOrEqualTo((System.nanoTime() - sent) / 1e9 + 1.0);
                holder.rollback();
            }

            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", second);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> lag(port) == 0.0);
        }
    }

    /** {@code grizz_partition_lag_seconds} of partition 0 as /actuator/prometheus shows it; -1 when absent. */
    private static double lag(int port) {
        return PrometheusScrape.value(port, "grizz_partition_lag_seconds", "partition=\"0\"");
    }
}
