package io.grizz.worker.ops;

import static io.grizz.worker.support.Events.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.dev.ReadApiToken;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Wire;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.IngestFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the alert rules of compose/ against what the workers really export: an
 * ingest worker in this JVM on the real local stack processes a few events (applied, no-op,
 * dead-lettered) and a read-api worker answers a few requests; then every query of every panel and
 * every rule must read only metric names their {@code /actuator/prometheus} show.
 */
class GrafanaDashboardIT {

    static final Path DASHBOARD = Path.of("..", "compose", "grafana", "dashboards", "grizz-worker.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String READ_API_SECRET = "dashboard-test-secret-longer-than-32-bytes";

    /** Series Prometheus makes itself, never on a worker's scrape: {@code up} of each target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    /** The HikariCP pools' names: the main (ingest) pool of application.yml, and the read API's own. */
    static final Set<String> POOLS = Set.of("grizz", "grizz-read-api");

    private static IngestFixture fixture;
    private static Set<String> exported;
    private static String ingestScrape;
    private static String readApiScrape;

    @BeforeAll
    static void scrapeAWorkerThatHasWorked() throws Exception {
        fixture = IngestFixture.create("dashboard", 2);
        ConfigurableApplicationContext worker = fixture.startWorker();
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        MessageWrite first = created(conversation, user, UUID.randomUUID(), 1, "one");
        MessageWrite second = created(conversation, user, UUID.randomUUID(), 1, "two");
        fixture.send(first, second, first);
        fixture.sendRaw(conversation.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        fixture.flush();
        fixture.awaitCount(2, "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation);
        fixture.deadLetters(1);

        ConfigurableApplicationContext readApi =
                fixture.startWorker(Map.of("grizz.roles", "read-api", "grizz.read-api.jwt-secret", READ_API_SECRET));
        ApiClient api = new ApiClient(port(readApi));
        String token = ReadApiToken.issue(
                READ_API_SECRET, "dashboard", Wire.SERVICE_SCOPE, Instant.now(), Duration.ofMinutes(5));
        assertThat(api.get("/v1/messages/" + first.messageId(), token).status()).isEqualTo(200);
        assertThat(api.get("/v1/messages/" + UUID.randomUUID(), token).status()).isEqualTo(404);

        ingestScrape = awaitReadiness(port(worker));
        readApiScrape = awaitReadiness(port(readApi));
        exported = new TreeSet<>(sampleNames(ingestScrape));
        exported.addAll(sampleNames(readApiScrape));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void everyPanelQueriesOnlyMetricsTheWorkerExports() throws Exception {
        Map<String, List<String>> queries = panelQueries(JSON.readTree(Files.readString(DASHBOARD)));

        assertThat(queries).isNotEmpty();
        queries.forEach((panel, expressions) -> {
            assertThat(expressions).as("panel '%s' has queries", panel).isNotEmpty();
            for (String expression : expressions) {
                Set<String> names = PromQlMetricNames.of(expression);
                assertThat(names)
                        .as("panel '%s' query %s reads a metric", panel, expression)
                        .isNotEmpty();
                assertThat(exported)
                        .as("panel '%s' query %s", panel, expression)
                        .containsAll(names);
            }
        });
    }

    @Test
    void everyAlertRuleReadsOnlyMetricsTheWorkersExportOrPrometheusMakes() {
        List<String> expressions = PrometheusRulesTest.expressions();
        assertThat(expressions).isNotEmpty();
        Set<String> available = new TreeSet<>(exported);
        available.addAll(PROMETHEUS_OWN);
        for (String expression : expressions) {
            Set<String> names = PromQlMetricNames.of(expression);
            assertThat(names).as("rule %s reads a metric", expression).isNotEmpty();
            assertThat(available).as("rule %s", expression).containsAll(names);
        }
    }

    @Test
    void theDashboardShowsLagInTimeOutcomesBatchTimeRetriesEachPoolTheReadApiAndTheCircuit() throws Exception {
        Map<String, List<String>> queries = panelQueries(JSON.readTree(Files.readString(DASHBOARD)));
        Set<String> read = new TreeSet<>();
        queries.values().forEach(expressions -> expressions.forEach(e -> read.addAll(PromQlMetricNames.of(e))));

        assertThat(read)
                .contains(
                        "grizz_readiness",
                        "grizz_partition_lag_seconds",
                        "grizz_events_consumed_total",
                        "grizz_events_applied_total",
                        "grizz_events_noop_total",
                        "grizz_events_dead_lettered_total",
                        "grizz_batch_persist_seconds_bucket",
                        "grizz_batch_size_sum",
                        "grizz_batch_size_count",
                        "grizz_batch_retries_total",
                        "grizz_end_to_end_lag_seconds_bucket",
                        "grizz_events_misrouted_total",
                        "hikaricp_connections_active",
                        "hikaricp_connections_idle",
                        "hikaricp_connections_pending",
                        "grizz_ingest_circuit_state",
                        "http_server_requests_seconds_bucket",
                        "http_server_requests_seconds_count")
                // NaN while idle: an empty panel on a healthy worker
                .doesNotContain("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void eachPoolHasItsOwnPanelAndThePoolsAreTheOnesTheWorkersExport() throws Exception {
        Map<String, List<String>> queries = panelQueries(JSON.readTree(Files.readString(DASHBOARD)));
        Set<String> pools = new TreeSet<>();
        queries.forEach((panel, expressions) -> expressions.stream()
                .filter(e -> e.contains("hikaricp_"))
                .forEach(e -> {
                    Matcher pool = POOL_MATCHER.matcher(e);
                    assertThat(pool.find())
                            .as("panel '%s' query %s names its pool", panel, e)
                            .isTrue();
                    pools.add(pool.group(1));
                }));
        assertThat(pools).isEqualTo(POOLS);
        assertThat(ingestScrape).contains("pool=\"grizz\"");
        // a read-api-only instance has no ingest pool: its health checks its own
        assertThat(readApiScrape).contains("pool=\"grizz-read-api\"").doesNotContain("pool=\"grizz\"");
    }

    @Test
    void readinessIsExportedAsAMeterThatReadsOneOnAReadyWorker() {
        assertThat(ingestScrape).containsPattern("(?m)^grizz_readiness\\{[^}]*} 1\\.0$");
        assertThat(readApiScrape).containsPattern("(?m)^grizz_readiness\\{[^}]*} 1\\.0$");
    }

    @Test
    void theReadApiLatencyHasBuckets() {
        assertThat(readApiScrape)
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/messages/\\{id}\"");
    }

    @Test
    void everyPanelUsesTheProvisionedPrometheusDataSource() throws Exception {
        String provisioned =
                Files.readString(Path.of("..", "compose", "grafana", "provisioning", "datasources", "prometheus.yml"));
        assertThat(provisioned).contains("uid: prometheus");
        List<JsonNode> panels = panels(JSON.readTree(Files.readString(DASHBOARD)));
        assertThat(panels)
                .allSatisfy(
                        panel -> assertThat(panel.path("datasource").path("uid").asString())
                                .as(panel.path("title").asString())
                                .isEqualTo("prometheus"));
    }

    /** Panel title → the PromQL of its targets, panels inside rows included. */
    static Map<String, List<String>> panelQueries(JsonNode dashboard) {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels(dashboard)) {
            List<String> expressions = new ArrayList<>();
            panel.path("targets")
                    .forEach(target -> expressions.add(target.path("expr").asString()));
            queries.put(panel.path("title").asString(), expressions);
        }
        return queries;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asString())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    private static final Pattern POOL_MATCHER = Pattern.compile("pool=\"([^\"]+)\"");

    private static int port(ConfigurableApplicationContext worker) {
        return ((WebServerApplicationContext) worker).getWebServer().getPort();
    }

    /** A scrape once grizz_readiness reads 1: it is evaluated beside the scrapes, so the first may not have it. */
    private static String awaitReadiness(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String scrape = scrape(port);
        while (!READY.matcher(scrape).find() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            scrape = scrape(port);
        }
        return scrape;
    }

    private static final Pattern READY = Pattern.compile("(?m)^grizz_readiness\\{[^}]*} 1\\.0$");

    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The name of every sample in a Prometheus text exposition: {@code _bucket}, {@code _count}, ... included. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }
}
