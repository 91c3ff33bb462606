package io.grizz.worker.ops;

import static io.grizz.worker.support.Events.created;
import static io.grizz.worker.support.Events.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.dev.ReadApiToken;
import io.grizz.compose.server.PgBouncer;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.contracts.Wire;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.PrometheusServer;
import io.grizz.worker.support.PrometheusServer.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every alert of compose/prometheus/alerts.yml seen firing against real workers: a real Prometheus (Debian's
 * package) scrapes an ingest worker (its database behind a PgBouncer of the test's own) and a read-api worker,
 * evaluates the rules as shipped — each {@code for:} shortened to a few seconds, nothing else changed — and the
 * test makes each condition happen for real: bad records, a misrouted one, a table locked under reads and a
 * write, PgBouncer stopped with an old event waiting, the read API stopped.
 *
 * <p>It also checks that Prometheus can scrape both workers at all: with tracing on the class path Spring Boot
 * adds exemplars to the OpenMetrics scrape, which a Prometheus older than 2.43 (Debian 12's) refuses whole.
 */
class PrometheusAlertsIT {

    private static final String READ_API_SECRET = "alerts-test-secret-longer-than-32-bytes";
    private static final String SHORT_FOR = "3s";
    private static final int PARTITIONS = 2;

    private final Set<String> seenFiring = ConcurrentHashMap.newKeySet();

    @Test
    void eachAlertFiresWhenItsConditionHappens() throws Exception {
        assumeTrue(PrometheusServer.binary() != null, "needs prometheus: apt-get install -y prometheus");
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        Set<String> alerts = PrometheusRulesTest.rules().keySet();
        try (IngestFixture fixture = IngestFixture.create("alerts", PARTITIONS);
                PgBouncer bouncer =
                        PgBouncer.start(fixture.stack().localPostgres().orElseThrow(), PgBouncer.PoolMode.SESSION)) {
            ConfigurableApplicationContext ingest = fixture.startWorker(Map.of(
                    "spring.datasource.url", bouncer.jdbcUrl(fixture.database()), "grizz.pooler-mode", "session"));
            ConfigurableApplicationContext readApi = fixture.startWorker(Map.of(
                    "grizz.roles", "read-api",
                    "grizz.read-api.jwt-secret", READ_API_SECRET,
                    // every request traced: the exemplars that Prometheus 2.42 refuses would be on every scrape
                    "management.tracing.sampling.probability", "1.0"));
            new HealthProbe(ingest).await("readiness", "UP", Duration.ofSeconds(60));
            ApiClient api = new ApiClient(port(readApi));
            String token = ReadApiToken.issue(
                    READ_API_SECRET, "alerts", Wire.SERVICE_SCOPE, Instant.now(), Duration.ofMinutes(10));
            UUID conversation = UUID.randomUUID();
            UUID owner = UUID.randomUUID();
            MessageWrite hello = created(conversation, owner, UUID.randomUUID(), 1, "hello");
            fixture.send(hello);
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", hello.messageId());
            assertThat(api.get("/v1/messages/" + hello.messageId(), token).status())
                    .isEqualTo(200);

            try (PrometheusServer prometheus = PrometheusServer.start(
                    Map.of(
                            "grizz-ingest", "127.0.0.1:" + port(ingest),
                            "grizz-read-api", "127.0.0.1:" + port(readApi)),
                    rulesWithShortWaits())) {
                bothWorkersAreScraped(prometheus);
                Drill.sleep(Duration.ofSeconds(6));
                assertThat(firing(prometheus)).as("a healthy pair of workers").isEmpty();
                AtomicBoolean watching = new AtomicBoolean(true);
                Thread watcher = new Thread(() -> watch(prometheus, watching), "alert-watcher");
                watcher.setDaemon(true);
                watcher.start();
                try {
                    badRecords(fixture, conversation, owner);
                    awaitFiring("GrizzDeadLettersNeedAction", "GrizzDeadLettersRising", "GrizzMisroutedRecords");

                    lockedTableUnderReadsAndAWrite(fixture, api, token, hello.messageId(), conversation, owner);
                    awaitFiring("GrizzPoolConnectionsPending", "GrizzReadApiErrors", "GrizzBatchPersistSlow");

                    poolerStoppedWithAnOldEventWaiting(fixture, bouncer, ingest, conversation, owner);

                    readApi.close();
                    awaitFiring("GrizzWorkerDown");
                } finally {
                    watching.set(false);
                    watcher.join();
                }
                assertThat(seenFiring).as("alerts seen firing").containsAll(alerts);
            }
        }
    }

    /** alerts.yml as shipped, but each rule waits {@link #SHORT_FOR} instead of minutes before it fires. */
    private static Path rulesWithShortWaits() throws IOException {
        String rules = Files.readString(PrometheusRulesTest.RULES);
        String shortened = rules.replaceAll("(?m)^(\\s+for: )\\S+$", "$1" + SHORT_FOR);
        assertThat(shortened).isNotEqualTo(rules);
        Path file = Files.createTempFile("alerts-", ".yml");
        return Files.writeString(file, shortened);
    }

    private static void bothWorkersAreScraped(PrometheusServer prometheus) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(prometheus.targets())
                        .as("scrape targets (%s)", prometheus.logHint())
                        .extracting(Target::job, Target::health, Target::lastError)
                        .containsExactlyInAnyOrder(tuple("grizz-ingest", "up", ""), tuple("grizz-read-api", "up", "")));
    }

    /** An owner mismatch, a malformed record and a record on the other partition than its key's. */
    private static void badRecords(IngestFixture fixture, UUID conversation, UUID owner) {
        UUID message = UUID.randomUUID();
        fixture.send(created(conversation, owner, message, 1, "mine"));
        fixture.send(updated(conversation, UUID.randomUUID(), message, 2, "someone else's"));
        fixture.sendRaw(conversation.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        UUID elsewhere = UUID.randomUUID();
        byte[] key = elsewhere.toString().getBytes(StandardCharsets.UTF_8);
        int keyPartition = Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
        fixture.sendRaw(
                (keyPartition + 1) % PARTITIONS,
                elsewhere.toString(),
                new MessageWriteEncoder().encode(created(elsewhere, owner, UUID.randomUUID(), 1, "misrouted")));
        fixture.flush();
        fixture.deadLetters(2);
    }

    /**
     * The messages table locked for 12 s by an operator's open transaction: twelve readers queue on the read
     * API's pool of four and get 503 past its statement timeout (5 s); a write waits the lock out (the ingest
     * statement timeout is 30 s), so its batch takes over 5 s. The readers stop with the lock, so the share of
     * 5xx stays above the threshold over the rule's window.
     */
    private static void lockedTableUnderReadsAndAWrite(
            IngestFixture fixture, ApiClient api, String token, UUID readable, UUID conversation, UUID owner)
            throws Exception {
        MessageWrite blocked = created(conversation, owner, UUID.randomUUID(), 1, "written after the lock");
        ExecutorService readers = Executors.newFixedThreadPool(12);
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        try (Connection holder = fixture.connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            }
            fixture.send(blocked);
            for (int i = 0; i < 12; i++) {
                readers.submit(() -> {
                    while (reading.get()) {
                        statuses.add(api.get("/v1/messages/" + readable, token).status());
                    }
                });
            }
            Drill.sleep(Duration.ofSeconds(12));
            reading.set(false);
            holder.rollback();
        } finally {
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(statuses).as("reads during the lock").contains(503);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", blocked.messageId());
    }

    /**
     * PgBouncer stopped: the ingest worker's readiness goes DOWN, the batch holding an event a producer had
     * buffered for ten minutes fails and is retried (circuit open), and that event's partition lags by ten
     * minutes; all three alerts fire before PgBouncer is back and the event is applied.
     */
    private void poolerStoppedWithAnOldEventWaiting(
            IngestFixture fixture,
            PgBouncer bouncer,
            ConfigurableApplicationContext ingest,
            UUID conversation,
            UUID owner) {
        MessageWrite old = created(conversation, owner, UUID.randomUUID(), 1, "buffered for ten minutes");
        bouncer.stop();
        try {
            fixture.sendAt(Instant.now().minus(Duration.ofMinutes(10)), old);
            awaitFiring("GrizzWorkerNotReady", "GrizzIngestCircuitOpen", "GrizzPartitionLagHigh");
        } finally {
            bouncer.start();
        }
        fixture.awaitCount(Duration.ofSeconds(60), 1, "SELECT count(*) FROM messages WHERE id = ?", old.messageId());
        new HealthProbe(ingest).await("readiness", "UP", Duration.ofSeconds(60));
    }

    private void awaitFiring(String... alerts) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(seenFiring).contains(alerts));
    }

    private void watch(PrometheusServer prometheus, AtomicBoolean watching) {
        while (watching.get()) {
            try {
                seenFiring.addAll(firing(prometheus));
            } catch (RuntimeException e) {
                // Prometheus busy for a moment: ask again
            }
            Drill.sleep(Duration.ofMillis(250));
        }
    }

    private static Set<String> firing(PrometheusServer prometheus) {
        Set<String> names = new TreeSet<>();
        prometheus.firingAlerts().forEach(labels -> names.add(labels.get("alertname")));
        return names;
    }

    private static int port(ConfigurableApplicationContext worker) {
        return ((WebServerApplicationContext) worker).getWebServer().getPort();
    }
}
