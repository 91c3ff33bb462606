package io.grizz.worker.database;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.contracts.MessageWrite;
import io.grizz.worker.GrizzWorkerApplication;
import io.grizz.worker.api.ReadApiProperties;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ReadApiFixture;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/operations.md, "Connections": three ingest-only and two read-api-only instances, each at its default pool
 * sizes, against one session-mode PgBouncer at its defaults ({@code default_pool_size} 20, no reserve). Every
 * connection the instances hold pins a server connection; the formula says they hold exactly 3 × 4 + 2 × 4 = 20, so
 * no client ever waits for one — PgBouncer's own {@code SHOW POOLS} says so, sampled all through a burst of 200
 * concurrent writers (3,000 events, each writer waiting for its last acknowledgement) with reads.
 */
class SharedPoolerIT {

    private static final int INGEST_INSTANCES = 3;
    private static final int READ_API_INSTANCES = 2;
    private static final int DEFAULT_POOL_SIZE = 20;
    private static final int MIN_READS = 500;
    /** The harness's burst: 200 concurrent writers, each its conversation's events in order, one at a time. */
    private static final int WRITERS = 200;
    /** GRIZZ_INGEST_POOL_SIZE's default (application.yml). */
    private static final int INGEST_POOL_SIZE = 4;

    @Test
    void threeIngestAndTwoReadApiInstancesFitPgBouncersDefaultPoolWithNoClientWaiting() throws Exception {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        PostgresServer postgres = TestStacks.shared()
                .localPostgres()
                .orElseThrow(() -> new TestAbortedException("needs the local stack"));
        List<ConfigurableApplicationContext> readApis = new ArrayList<>();
        try (IngestFixture fixture = IngestFixture.create("shared_pooler", 6);
                PgBouncer bouncer = PgBouncer.start(postgres, PgBouncer.PoolMode.SESSION);
                PoolSampler pools = new PoolSampler(bouncer, fixture.database())) {
            String url = bouncer.jdbcUrl(fixture.database());
            for (int i = 0; i < INGEST_INSTANCES; i++) {
                fixture.startWorker(Map.of("spring.datasource.url", url));
            }
            fixture.awaitSchema();
            for (int i = 0; i < READ_API_INSTANCES; i++) {
                readApis.add(startReadApi(url));
            }
            // the formula, as the pooler counts it: every pool full and open, and not one connection more
            int expectedClients =
                    INGEST_INSTANCES * INGEST_POOL_SIZE + READ_API_INSTANCES * ReadApiProperties.DEFAULT_POOL_SIZE;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pools.clients() != expectedClients && System.nanoTime() < deadline) {
                Drill.sleep(Duration.ofMillis(200));
            }
            assertThat(pools.clients()).as(pools.describe()).isEqualTo(expectedClients);
            assertThat(expectedClients).isLessThanOrEqualTo(DEFAULT_POOL_SIZE);
            // while the pools fill, each new client waits a moment for its server's login: that is
            // PgBouncer opening the pool, not a pool too small. From here on, nobody may wait.
            pools.startCountingWaits();

            Workload workload = Workload.of(200, 5, 3);
            List<UUID> messages = workload.events().stream()
                    .map(MessageWrite::messageId)
                    .distinct()
                    .toList();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            ExecutorService readers = Executors.newFixedThreadPool(8);
            List<Future<?>> running = new ArrayList<>();
            String token = serviceToken();
            for (int i = 0; i < 8; i++) {
                ApiClient api = client(readApis.get(i % READ_API_INSTANCES));
                running.add(readers.submit(() -> {
                    while (reading.get()) {
                        UUID message = messages.get(ThreadLocalRandom.current().nextInt(messages.size()));
                        statuses.merge(api.get("/v1/messages/" + message, token).status(), 1, Integer::sum);
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                fixture.sendByWriters(workload.events(), WRITERS);
                fixture.awaitCount(
                        Duration.ofSeconds(120),
                        workload.messageCount(),
                        "SELECT count(*) FROM messages WHERE revision = 3");
                // a burst can be done in seconds: some reads more, against the pools as the burst left them
                fixture.awaitTrue(() -> reads.get() >= MIN_READS);
            } finally {
                reading.set(false);
                for (Future<?> reader : running) {
                    reader.get();
                }
                readers.shutdown();
            }

            workload.assertExactlyStoredIn(fixture.jdbc());
            assertThat(fixture.deadLetters(0)).isEmpty();
            assertThat(statuses.keySet()).as("every read 200 or 404").isSubsetOf(200, 404);
            assertThat(statuses).containsKey(200);
            assertThat(reads.get()).isGreaterThanOrEqualTo(MIN_READS);
            assertThat(pools.samples()).as("SHOW POOLS samples").isGreaterThan(20);
            assertThat(pools.maxWaiting()).as("cl_waiting, at most").isZero();
            assertThat(pools.maxServers()).as("server connections, at most").isLessThanOrEqualTo(DEFAULT_POOL_SIZE);
        } finally {
            readApis.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext startReadApi(String url) {
        return new SpringApplicationBuilder(GrizzWorkerApplication.class)
                .run(
                        "--grizz.roles=read-api",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgresServer.USER,
                        "--spring.datasource.password=" + PostgresServer.PASSWORD,
                        "--grizz.read-api.jwt-secret=" + ReadApiFixture.SECRET,
                        "--server.port=0");
    }

    private static ApiClient client(ConfigurableApplicationContext worker) {
        return new ApiClient(
                ((WebServerApplicationContext) worker).getWebServer().getPort());
    }

    /**
     * PgBouncer's {@code SHOW POOLS} for one database, every 100 ms: the clients it holds, those waiting for a server
     * connection, and the server connections.
     */
    private static final class PoolSampler implements AutoCloseable {

        private final PgBouncer bouncer;
        private final String database;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile int clients;
        private volatile int maxWaiting;
        private volatile int maxServers;
        private volatile int samples;
        private volatile String last = "no sample yet";

        PoolSampler(PgBouncer bouncer, String database) {
            this.bouncer = bouncer;
            this.database = database;
            this.thread = new Thread(this::run, "show-pools");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running.get()) {
                try {
                    bouncer.showPools().stream()
                            .filter(row -> database.equals(row.get("database")))
                            .forEach(this::sample);
                } catch (RuntimeException e) {
                    last = "SHOW POOLS failed: " + e;
                }
                Drill.sleep(Duration.ofMillis(100));
            }
        }

        private void sample(Map<String, String> pool) {
            int waiting = number(pool, "cl_waiting");
            clients = number(pool, "cl_active") + waiting;
            maxWaiting = Math.max(maxWaiting, waiting);
            int servers = number(pool, "sv_active")
                    + number(pool, "sv_idle")
                    + number(pool, "sv_used")
                    + number(pool, "sv_tested")
                    + number(pool, "sv_login");
            maxServers = Math.max(maxServers, servers);
            samples++;
            last = pool.toString();
        }

        private static int number(Map<String, String> pool, String column) {
            return Integer.parseInt(pool.get(column));
        }

        String describe() {
            return last;
        }

        int clients() {
            return clients;
        }

        /** Waiting clients seen so far are forgotten; {@link #maxWaiting} counts from now. */
        void startCountingWaits() {
            maxWaiting = 0;
        }

        int maxWaiting() {
            return maxWaiting;
        }

        int maxServers() {
            return maxServers;
        }

        int samples() {
            return samples;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
