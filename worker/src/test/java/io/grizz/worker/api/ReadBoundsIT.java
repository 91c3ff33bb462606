package io.grizz.worker.api;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.grizz.contracts.MessageWrite;
import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ReadApiFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** docs/contract.md §5: reads are bounded in time, in connections and in bytes per page. */
class ReadBoundsIT {

    private static final int MIB = 1024 * 1024;

    /**
     * Both roles in one process. The reads go through a schema whose {@code messages} is a view
     * that sleeps 3 s per query (test-only, via DATABASE_READ_URL's search path): every read
     * passes the 1 s statement timeout, while the ingest path writes the real table from its own
     * pool the whole time.
     */
    @Test
    void aReadPastTheStatementTimeoutIs503WhileIngestKeepsApplying() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("readbounds", 1)) {
            String url = fixture.environment().get("DATABASE_URL");
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of(
                    "grizz.roles",
                    "ingest,read-api",
                    "grizz.read-api.jwt-secret",
                    ReadApiFixture.SECRET,
                    "grizz.read-api.database-url",
                    url + (url.contains("?") ? "&" : "?") + "currentSchema=slow,public",
                    "grizz.read-api.statement-timeout",
                    "1s"));
            fixture.awaitSchema();
            fixture.jdbc().execute("CREATE SCHEMA slow");
            // an uncorrelated sub-select is a one-time filter: it sleeps once per query, rows or not
            fixture.jdbc()
                    .execute("CREATE VIEW slow.messages AS SELECT m.* FROM public.messages m"
                            + " WHERE (SELECT 1 FROM pg_sleep(3)) = 1");
            HikariDataSource readPool = worker.getBean(ReadApiConfiguration.READ_DATA_SOURCE, HikariDataSource.class);
            assertThat(worker.getBean(DataSource.class)).as("ingest's pool").isNotSameAs(readPool);

            ApiClient api = ReadApiFixture.client(worker);
            AtomicBoolean stop = new AtomicBoolean();
            List<Response> answers = new CopyOnWriteArrayList<>();
            ExecutorService readers = Executors.newFixedThreadPool(12);
            try {
                // more readers than read connections, reading until ingest is done: the read pool stays taken
                for (int i = 0; i < 12; i++) {
                    readers.submit(() -> {
                        while (!stop.get()) {
                            answers.add(api.get("/v1/messages/" + UUID.randomUUID(), serviceToken()));
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                readPool.getHikariPoolMXBean().getActiveConnections() == readPool.getMaximumPoolSize());
                UUID user = UUID.randomUUID();
                List<MessageWrite> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    events.add(Events.created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "during slow reads " + i));
                }
                fixture.send(events);
                fixture.awaitCount(50, "SELECT count(*) FROM public.messages WHERE user_id = ?", user);
                assertThat(readPool.getHikariPoolMXBean().getActiveConnections())
                        .as("reads still holding the read pool")
                        .isPositive();
            } finally {
                stop.set(true);
                readers.shutdown();
                assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(answers).isNotEmpty().allSatisfy(response -> {
                assertProblem(response, 503, "read past the statement timeout");
                assertThat(response.json().get("detail").asString()).contains("statement timeout");
            });
        }
    }

    @Test
    void aPageOfLargeMessagesEndsAtTheByteBudgetAndPagingReturnsEachOnce() {
        ReadApiFixture fixture = ReadApiFixture.shared();
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        List<MessageWrite> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            String content = Character.toString('a' + i).repeat(MIB);
            events.add(Events.created(conversation, user, id, 1, content, "{\"i\":" + i + "}"));
        }
        fixture.sendAndAwait(events);

        ApiClient api = fixture.api();
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(
                    "/v1/conversations/" + conversation + "/messages?limit=500"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    serviceToken());
            assertThat(page.status()).isEqualTo(200);
            long bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as("page %d", pages).isLessThan(MessageQueries.PAGE_BUDGET_BYTES);
            JsonNode items = page.json().get("items");
            assertThat(items.size()).as("page %d", pages).isBetween(1, 7);
            for (JsonNode item : items) {
                seen.add(UUID.fromString(item.get("id").asString()));
                assertThat(item.get("content").asString()).hasSize(MIB);
            }
            cursor = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asString();
            if (pages == 0) {
                assertThat(cursor).as("the first page ended early").isNotNull();
            }
            pages++;
        } while (cursor != null);

        // all at one occurred_at, so in id order; that order is ReadApiPagingIT's to check
        assertThat(seen).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }
}
