package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real components broken in the middle of a drain: PostgreSQL, PgBouncer and the Kafka broker
 * stopped and started again while events keep arriving. Each ends with the database exactly as
 * expected, the DLT holding only the truly bad records, and the worker alive and ready.
 */
class OutageIT {

    @Test
    void postgresStoppedFor15SecondsMidDrain() {
        PostgresServer postgres = localPostgres();
        try (IngestFixture fixture = IngestFixture.create("pgstop", 3)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            Drill drill = new Drill(fixture, Workload.of(1_200, 5, 5), 3_000)
                    .startPublishing()
                    .awaitProgress(500);

            postgres.stop();
            awaitReadiness(worker, "DOWN", Duration.ofSeconds(10));
            Drill.sleep(Duration.ofSeconds(15));
            postgres.start();
            drill.recovered();

            drill.assertCompleteAndExact("PostgreSQL stopped (fast) for 15 s");
            awaitReadiness(worker, "UP", Duration.ofSeconds(20));
            assertThat(worker.isRunning()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(PgBouncer.PoolMode.class)
    void pgbouncerRestartedMidDrain(PgBouncer.PoolMode mode) {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        try (IngestFixture fixture =
                        IngestFixture.create("bouncer_" + mode.name().toLowerCase(), 3);
                PgBouncer bouncer = PgBouncer.start(localPostgres(), mode)) {
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of(
                    "spring.datasource.url", bouncer.jdbcUrl(fixture.database()),
                    "grizz.pooler-mode", mode.name().toLowerCase()));
            Drill drill = new Drill(fixture, Workload.of(1_200, 5, 5), 3_000)
                    .startPublishing()
                    .awaitProgress(500);

            bouncer.stop();
            Drill.sleep(Duration.ofSeconds(5));
            bouncer.start();
            drill.recovered();

            drill.assertCompleteAndExact("PgBouncer (" + mode + " mode) stopped for 5 s");
            assertThat(worker.isRunning()).isTrue();
        }
    }

    @Test
    void kafkaBrokerRestartedMidDrain() {
        KafkaBroker broker = localKafka();
        try (IngestFixture fixture = IngestFixture.create("kafkastop", 3)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            Drill drill = new Drill(fixture, Workload.of(1_200, 5, 5), 3_000)
                    .startPublishing()
                    .awaitProgress(500);

            broker.stop();
            awaitReadiness(worker, "DOWN", Duration.ofSeconds(10));
            Drill.sleep(Duration.ofSeconds(5));
            broker.start();
            drill.recovered();

            drill.assertCompleteAndExact("Kafka broker stopped for about 8 s (until readiness DOWN, then 5 s)");
            awaitReadiness(worker, "UP", Duration.ofSeconds(20));
            assertThat(worker.isRunning()).isTrue();
        }
    }

    /** Fault tests break real processes, so they need the local stack (skipped on the others). */
    static PostgresServer localPostgres() {
        return TestStacks.shared()
                .localPostgres()
                .orElseThrow(() -> new TestAbortedException("fault tests need the local stack"));
    }

    static KafkaBroker localKafka() {
        return TestStacks.shared()
                .localKafka()
                .orElseThrow(() -> new TestAbortedException("fault tests need the local stack"));
    }

    static void awaitReadiness(ConfigurableApplicationContext worker, String status, Duration within) {
        new HealthProbe(worker).await("readiness", status, within);
    }
}
