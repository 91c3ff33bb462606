package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grizz.worker.ingest.IngestCircuitBreaker;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A batch that waits on a row lock held by someone else (another instance during a rebalance, an
 * operator's open transaction) must not hold its partitions forever: the lock read itself runs
 * under the worker's statement timeout, fails, and the batch is retried until the lock is gone.
 */
class LockWaitIT {

    @Test
    void aBatchBlockedOnALockedConversationTimesOutAndIsAppliedOnceTheLockIsReleased() throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (IngestFixture fixture = IngestFixture.create("lockwait", 1)) {
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.statement-timeout", "1s"));
            IngestCircuitBreaker circuit = worker.getBean(IngestCircuitBreaker.class);
            fixture.send(Events.created(conversation, user, first, 1, "before the lock"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", first);

            try (Connection holder = fixture.connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock =
                        holder.prepareStatement("SELECT * FROM conversations WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, conversation);
                    lock.executeQuery().close();
                }
                fixture.send(Events.created(conversation, user, second, 1, "while locked"));

                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> String.valueOf(circuit.lastFailure()).contains("SQLState 57014"));
                assertThat(circuit.state()).isNotEqualTo(IngestCircuitBreaker.State.CLOSED);
                assertThat(fixture.count("SELECT count(*) FROM messages WHERE id = ?", second))
                        .isZero();
                holder.rollback();
            }

            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", second);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> circuit.state() == IngestCircuitBreaker.State.CLOSED);
            assertThat(fixture.deadLetters(0)).isEmpty();
        }
    }
}
