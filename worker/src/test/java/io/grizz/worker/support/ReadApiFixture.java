package io.grizz.worker.support;

import io.grizz.compose.dev.ReadApiToken;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Wire;
import io.grizz.worker.GrizzWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read API's world on the shared real stack: one database fed through Kafka by an
 * ingest-only worker, and a read-api-only worker (no Kafka setting at all) serving it over HTTP
 * on a random port — the deployment docs/contract.md §5 describes. One per test JVM, shared by the read-API
 * test classes; every test uses fresh ids.
 */
public final class ReadApiFixture {

    /** READ_API_JWT_SECRET of the read API under test. */
    public static final String SECRET = "read-api-test-secret-longer-than-32-bytes";

    private static ReadApiFixture shared;

    private final IngestFixture ingest;
    private final ConfigurableApplicationContext ingestWorker;
    private final ConfigurableApplicationContext readApi;

    private ReadApiFixture() {
        ingest = IngestFixture.create("readapi", 2);
        // a session time zone far from UTC, so a time-zone bug in the answers cannot hide
        ingest.jdbc()
                .execute("ALTER DATABASE " + ingest.jdbc().queryForObject("SELECT current_database()", String.class)
                        + " SET timezone TO 'America/St_Johns'");
        ingestWorker = ingest.startWorker();
        ingest.awaitSchema();
        readApi = startReadApi(Map.of());
    }

    public static synchronized ReadApiFixture shared() {
        if (shared == null) {
            shared = new ReadApiFixture();
        }
        return shared;
    }

    public IngestFixture ingest() {
        return ingest;
    }

    public ConfigurableApplicationContext ingestWorker() {
        return ingestWorker;
    }

    public ConfigurableApplicationContext readApi() {
        return readApi;
    }

    public ApiClient api() {
        return client(readApi);
    }

    public static ApiClient client(ConfigurableApplicationContext worker) {
        return new ApiClient(
                ((WebServerApplicationContext) worker).getWebServer().getPort());
    }

    /**
     * Starts another worker with only the read-api role on this database, given nothing about
     * Kafka; extra entries are Spring properties and win.
     */
    public ConfigurableApplicationContext startReadApi(Map<String, Object> extra) {
        Map<String, String> env = ingest.environment();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", env.get("DATABASE_URL"));
        properties.put("spring.datasource.username", env.get("DATABASE_USERNAME"));
        properties.put("spring.datasource.password", env.get("DATABASE_PASSWORD"));
        properties.put("grizz.roles", "read-api");
        properties.put("grizz.read-api.jwt-secret", SECRET);
        properties.put("server.port", "0");
        properties.putAll(extra);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GrizzWorkerApplication.class).run(args);
    }

    /** Publishes the events through Kafka and waits until each message holds its last revision. */
    public void sendAndAwait(List<MessageWrite> events) {
        Map<UUID, Integer> last = new HashMap<>();
        for (MessageWrite event : events) {
            last.merge(event.messageId(), event.revision(), Math::max);
        }
        ingest.send(events);
        List<UUID> ids = new ArrayList<>(last.keySet());
        String idArray = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        String revisionArray =
                ids.stream().map(id -> String.valueOf(last.get(id))).collect(Collectors.joining(",", "{", "}"));
        ingest.awaitCount(ids.size(), """
                SELECT count(*) FROM messages m
                  JOIN unnest(?::text::uuid[], ?::text::int[]) AS e(id, revision)
                    ON m.id = e.id AND m.revision = e.revision""", idArray, revisionArray);
    }

    public void sendAndAwait(MessageWrite... events) {
        sendAndAwait(List.of(events));
    }

    public static String userToken(UUID user) {
        return token(user.toString(), "");
    }

    public static String serviceToken() {
        return token("billing-service", Wire.SERVICE_SCOPE);
    }

    public static String token(String subject, String scope) {
        return ReadApiToken.issue(SECRET, subject, scope, Instant.now(), Duration.ofMinutes(10));
    }
}
