package io.grizz.worker.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** grizz_readiness follows the readiness group, and a scrape never waits for it. */
class ReadinessGaugeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void readsOneWhileReadinessIsUpAndZeroOtherwise() {
        AtomicReference<Status> status = new AtomicReference<>(Status.UP);
        try (ReadinessGauge ignored = new ReadinessGauge(status::get, registry)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == ReadinessGauge.READY);
            status.set(Status.DOWN);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == ReadinessGauge.NOT_READY);
            status.set(Status.OUT_OF_SERVICE);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> gauge() == 0);
            status.set(Status.UP);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == ReadinessGauge.READY);
        }
    }

    @Test
    void aReadinessCheckThatThrowsReadsAsNotReady() {
        try (ReadinessGauge ignored = new ReadinessGauge(
                () -> {
                    throw new IllegalStateException("no health");
                },
                registry)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == ReadinessGauge.NOT_READY);
        }
    }

    @Test
    void aScrapeDoesNotWaitForAReadinessCheckThatHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ReadinessGauge ignored = new ReadinessGauge(
                () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Status.UP;
                },
                registry)) {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(gauge()).isNaN(); // no answer yet, and no evaluation piles up behind the first
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == ReadinessGauge.READY);
        }
    }

    private double gauge() {
        Gauge gauge = registry.find(ReadinessGauge.NAME).gauge();
        assertThat(gauge).isNotNull();
        return gauge.value();
    }
}
