package io.grizz.worker.api.replica;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import io.grizz.contracts.MessageWrite;
import io.grizz.worker.GrizzWorkerApplication;
import io.grizz.worker.support.Announcements;
import io.grizz.worker.support.Announcements.Announced;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ReadApiFixture;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The read API on a real streaming standby (docs/read-api.md, "Reading a replica"): a primary and a hot standby of
 * their own, each behind a session-mode PgBouncer; the ingest worker writes the primary, the read-api worker reads the
 * standby. Replay is paused with {@code pg_wal_replay_pause()} to make the standby lag on purpose.
 */
class ReplicaReadIT {

    private static final Duration MAX_LAG = Duration.ofSeconds(3);
    private static final Duration MIN_REVISION_WAIT = Duration.ofSeconds(6);
    private static final Pattern LAG_METER = Pattern.compile("(?m)^grizz_read_replica_lag_seconds\\{[^}]*} (\\S+)$");

    private static PostgresServer primary;
    private static PostgresServer standby;
    private static PgBouncer primaryBouncer;
    private static PgBouncer standbyBouncer;
    private static IngestFixture fixture;
    private static String persisted;
    private static ConfigurableApplicationContext readApi;
    private static ApiClient api;
    private static HealthProbe health;

    @BeforeAll
    static void startPrimaryStandbyAndWorkers() {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        fixture = IngestFixture.create("replica", 3);
        primary = PostgresServer.start(PostgresServer.Options.defaults().fsync(false));
        primary.createDatabase(fixture.database());
        standby = PostgresServer.startStandby(primary);
        primaryBouncer = PgBouncer.start(primary, PgBouncer.PoolMode.SESSION);
        standbyBouncer = PgBouncer.start(standby, PgBouncer.PoolMode.SESSION);

        persisted = fixture.topic() + ".persisted";
        fixture.stack().createTopic(persisted, 3);
        fixture.startWorker(Map.of(
                "spring.datasource.url",
                primaryBouncer.jdbcUrl(fixture.database()),
                "spring.datasource.username",
                PostgresServer.USER,
                "spring.datasource.password",
                PostgresServer.PASSWORD,
                "grizz.persisted-topic",
                persisted));
        readApi = new SpringApplicationBuilder(GrizzWorkerApplication.class)
                .run(
                        "--grizz.roles=read-api",
                        "--spring.datasource.url=" + standbyBouncer.jdbcUrl(fixture.database()),
                        "--spring.datasource.username=" + PostgresServer.USER,
                        "--spring.datasource.password=" + PostgresServer.PASSWORD,
                        "--grizz.read-api.jwt-secret=" + ReadApiFixture.SECRET,
                        "--grizz.read-api.max-replica-lag=" + MAX_LAG.toSeconds() + "s",
                        "--grizz.read-api.min-revision-wait=" + MIN_REVISION_WAIT.toSeconds() + "s",
                        "--server.port=0");
        api = new ApiClient(
                ((WebServerApplicationContext) readApi).getWebServer().getPort());
        health = new HealthProbe(readApi);
        // the schema migrated on the primary reaches the standby by replay; then the read API is ready
        health.await("readiness", "UP", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopEverything() {
        if (readApi != null) {
            readApi.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        for (AutoCloseable server : new AutoCloseable[] {standbyBouncer, primaryBouncer, standby, primary}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    @AfterEach
    void replayResumed() {
        standbyJdbc().execute("SELECT pg_wal_replay_resume()");
    }

    @Test
    void everyReadOnTheStandbyDuringABurstOnThePrimaryIs200OrADocumentedProblem() throws Exception {
        Workload workload = Workload.of(200, 5, 3);
        List<MessageWrite> events = workload.events();
        List<UUID> messages =
                events.stream().map(MessageWrite::messageId).distinct().toList();
        List<UUID> conversations =
                events.stream().map(MessageWrite::conversationId).distinct().toList();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> undocumented = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        String token = serviceToken();
        for (int i = 0; i < 6; i++) {
            running.add(readers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (reading.get()) {
                    String path = random.nextBoolean()
                            ? "/v1/messages/" + messages.get(random.nextInt(messages.size()))
                            : "/v1/conversations/" + conversations.get(random.nextInt(conversations.size()))
                                    + "/messages?include_deleted=true";
                    ApiClient.Response response = api.get(path, token);
                    statuses.merge(response.status(), 1, Integer::sum);
                    boolean documented = response.status() == 200
                            || ((response.status() == 404 || response.status() == 503)
                                    && "application/problem+json".equals(response.contentType()));
                    if (!documented) {
                        synchronized (undocumented) {
                            undocumented.add(response.status() + " " + path + " " + response.body());
                        }
                    }
                }
                return null;
            }));
        }
        try {
            fixture.send(events);
            // the standby shows the burst's final state, row for row, once the primary has it
            await(Duration.ofSeconds(120), () -> countFinal(primaryJdbc()) == workload.messageCount());
            await(Duration.ofSeconds(60), () -> countFinal(standbyJdbc()) == workload.messageCount());
        } finally {
            reading.set(false);
            for (Future<?> reader : running) {
                reader.get();
            }
            readers.shutdown();
        }
        assertFinalStatesOnTheStandby(events);
        assertThat(undocumented)
                .as("answers that are neither 200 nor a 404/503 problem")
                .isEmpty();
        assertThat(statuses).doesNotContainKey(500).containsKey(200);
        health.await("readiness", "UP", Duration.ofSeconds(10));
        await(Duration.ofSeconds(10), () -> lagMeter() < MAX_LAG.toSeconds());
    }

    /** The standby holds each message of {@code events} in the state of its last event (other tests write too). */
    private static void assertFinalStatesOnTheStandby(List<MessageWrite> events) {
        Map<UUID, String> expected = new HashMap<>();
        for (MessageWrite event : events) {
            expected.put(event.messageId(), event.revision() + " " + (event.isDelete() ? "deleted" : event.content()));
        }
        Map<UUID, String> actual = new HashMap<>();
        standbyJdbc()
                .query(
                        "SELECT id, revision, content, deleted_at IS NOT NULL AS deleted FROM messages"
                                + " WHERE id = ANY (?::uuid[])",
                        row -> {
                            actual.put(
                                    row.getObject(1, UUID.class),
                                    row.getInt(2) + " " + (row.getBoolean(4) ? "deleted" : row.getString(3)));
                        },
                        (Object) expected.keySet().stream().map(UUID::toString).toArray(String[]::new));
        assertThat(actual).isEqualTo(expected);
    }

    private static long countFinal(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM messages WHERE revision = 3", Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void pausedReplayTurnsReadinessDownPastTheLagThresholdAndUpOnceReplayResumes() throws Exception {
        JdbcTemplate primaryJdbc = primaryJdbc();
        primaryJdbc.execute("CREATE TABLE IF NOT EXISTS lag_ticks (at timestamptz NOT NULL DEFAULT now())");
        await(Duration.ofSeconds(30), () -> lagMeter() == 0.0);
        assertThat(health.is("readiness", "UP")).isTrue();

        standbyJdbc().execute("SELECT pg_wal_replay_pause()");
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                primaryJdbc.update("INSERT INTO lag_ticks DEFAULT VALUES");
                Drill.sleep(Duration.ofMillis(200));
            }
        });
        writer.start();
        try {
            health.await("readiness", "DOWN", MAX_LAG.plusSeconds(15));
            assertThat(lagMeter()).isGreaterThan((double) MAX_LAG.toSeconds());
            // liveness is not the replica's business: the instance is fine, its data is old
            assertThat(health.is("liveness", "UP")).isTrue();

            standbyJdbc().execute("SELECT pg_wal_replay_resume()");
            health.await("readiness", "UP", Duration.ofSeconds(15));
            assertThat(lagMeter()).isLessThan((double) MAX_LAG.toSeconds());
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void aConsumerOfTheAnnouncementsReadsWhatItWasToldOnTheStandbyWithMinRevision() throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        List<MessageWrite> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID message = UUID.randomUUID();
            writes.add(Events.created(conversation, user, message, 1, "first " + i));
            writes.add(Events.updated(conversation, user, message, 2, "second " + i));
        }
        String token = ReadApiFixture.userToken(user);
        try (Announcements announcements = new Announcements(fixture.kafkaBootstrapServers(), persisted)) {
            standbyJdbc().execute("SELECT pg_wal_replay_pause()");
            fixture.send(writes);
            Set<Announced> told = awaitAnnounced(announcements, conversation, writes);
            Announced first = told.iterator().next();

            // the standby does not show it yet: a plain read is a 404, a read with min_revision a 503 after the wait
            assertThat(api.get("/v1/messages/" + first.messageId(), token).status())
                    .isEqualTo(404);
            ApiClient.Response waitedInVain =
                    api.get("/v1/messages/" + first.messageId() + "?min_revision=" + first.revision(), token);
            assertThat(waitedInVain.status()).isEqualTo(503);
            assertThat(waitedInVain.contentType()).isEqualTo("application/problem+json");
            assertThat(waitedInVain.header("Retry-After")).isEqualTo("1");

            // every announcement read while replay catches up: each answers with that revision or a later one
            ExecutorService consumers = Executors.newFixedThreadPool(8);
            List<Future<ApiClient.Response>> reads = new ArrayList<>();
            for (Announced announced : told) {
                reads.add(consumers.submit(() -> api.get(
                        "/v1/messages/" + announced.messageId() + "?min_revision=" + announced.revision(), token)));
            }
            Drill.sleep(Duration.ofSeconds(1));
            standbyJdbc().execute("SELECT pg_wal_replay_resume()");
            int i = 0;
            for (Announced announced : told) {
                ApiClient.Response response = reads.get(i++).get();
                assertThat(response.status()).as(announced.toString()).isEqualTo(200);
                assertThat(response.json().get("revision").asInt())
                        .as(announced.toString())
                        .isGreaterThanOrEqualTo(announced.revision());
            }
            consumers.shutdown();
        }
        // min_revision is checked like any parameter
        assertThat(api.get("/v1/messages/" + UUID.randomUUID() + "?min_revision=0", token)
                        .status())
                .isEqualTo(400);
    }

    private static Set<Announced> awaitAnnounced(
            Announcements announcements, UUID conversation, List<MessageWrite> writes) {
        // each message's last revision is announced; an earlier one only if no batch absorbed it (docs/contract.md §3)
        Map<UUID, Integer> last = new HashMap<>();
        writes.forEach(w -> last.merge(w.messageId(), w.revision(), Math::max));
        Set<Announced> finals = last.entrySet().stream()
                .map(e -> new Announced(e.getKey(), e.getValue()))
                .collect(Collectors.toSet());
        fixture.awaitTrue(() -> announcements.seen().containsAll(finals));
        // in the order of each message's writes, as a consumer sees them: lowest revision first
        List<Announced> ordered = new ArrayList<>(announcements.seen().stream()
                .filter(a -> last.containsKey(a.messageId()))
                .toList());
        ordered.sort((a, b) -> a.revision() != b.revision()
                ? Integer.compare(a.revision(), b.revision())
                : a.messageId().compareTo(b.messageId()));
        return new LinkedHashSet<>(ordered);
    }

    private static double lagMeter() {
        Matcher meter = LAG_METER.matcher(api.getAny("/actuator/prometheus").body());
        assertThat(meter.find())
                .as("grizz_read_replica_lag_seconds is exported")
                .isTrue();
        return Double.parseDouble(meter.group(1));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("within " + within).isLessThan(deadline);
            Drill.sleep(Duration.ofMillis(200));
        }
    }

    private static JdbcTemplate primaryJdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(
                primary.jdbcUrl(fixture.database()), PostgresServer.USER, PostgresServer.PASSWORD));
    }

    private static JdbcTemplate standbyJdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(
                standby.jdbcUrl(fixture.database()), PostgresServer.USER, PostgresServer.PASSWORD));
    }
}
