package io.grizz.worker.ops;

import static io.grizz.worker.support.Events.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.worker.support.IngestFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard of compose/ against what the worker really exports: a worker in this JVM
 * on the real local stack processes a few events (applied, no-op, dead-lettered), then every
 * query of every panel must read only metric names its {@code /actuator/prometheus} shows.
 */
class GrafanaDashboardIT {

    static final Path DASHBOARD = Path.of("..", "compose", "grafana", "dashboards", "grizz-worker.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static IngestFixture fixture;
    private static Set<String> exported;

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
        int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
        exported = sampleNames(scrape(port));
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
    void theDashboardShowsThroughputLagDeadLettersBatchTimePoolUseAndTheCircuit() throws Exception {
        Set<String> read = new TreeSet<>();
        panelQueries(JSON.readTree(Files.readString(DASHBOARD)))
                .values()
                .forEach(expressions -> expressions.forEach(e -> read.addAll(PromQlMetricNames.of(e))));

        assertThat(read)
                .contains(
                        "grizz_events_consumed_total",
                        "grizz_events_applied_total",
                        "grizz_events_noop_total",
                        "grizz_events_dead_lettered_total",
                        "grizz_batch_persist_seconds_bucket",
                        "grizz_batch_size_sum",
                        "grizz_batch_size_count",
                        "grizz_end_to_end_lag_seconds_bucket",
                        "hikaricp_connections_active",
                        "hikaricp_connections_idle",
                        "hikaricp_connections_pending",
                        "grizz_ingest_circuit_state",
                        "kafka_consumer_fetch_manager_records_lag_max");
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
