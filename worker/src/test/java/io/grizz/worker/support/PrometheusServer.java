package io.grizz.worker.support;

import io.grizz.compose.process.ChildProcess;
import io.grizz.compose.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, {@code .ci/run} installs it) on a free loopback
 * port, as a child process: it scrapes the given targets and evaluates the given rule file, both every second.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;
    private final int port;

    private PrometheusServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The {@code prometheus} binary on the PATH, or null (tests skip without it). */
    public static Path binary() {
        return Executables.onPath("prometheus").orElse(null);
    }

    /**
     * Starts Prometheus with one scrape job per entry of {@code jobs} (job name → {@code host:port} of a worker,
     * scraped at {@code /actuator/prometheus}) and the rules of {@code ruleFile}.
     */
    public static PrometheusServer start(Map<String, String> jobs, Path ruleFile) {
        int port = FreePorts.pick();
        try {
            Path dir = Files.createTempDirectory("prometheus-");
            StringBuilder config = new StringBuilder()
                    .append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n")
                    .append("rule_files:\n  - ")
                    .append(ruleFile.toAbsolutePath())
                    .append("\nscrape_configs:\n");
            jobs.forEach((job, target) -> config.append("  - job_name: ")
                    .append(job)
                    .append("\n    metrics_path: /actuator/prometheus\n    static_configs:\n      - targets: [\"")
                    .append(target)
                    .append("\"]\n"));
            Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
            ChildProcess process = ChildProcess.start(
                    "Prometheus",
                    List.of(
                            binary().toString(),
                            "--config.file=" + configFile,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=" + FreePorts.LOOPBACK + ":" + port),
                    Map.of(),
                    dir.resolve("prometheus.log"),
                    "KILL",
                    dir);
            PrometheusServer server = new PrometheusServer(process, port);
            LocalHttp.awaitReady(process, "Prometheus", server.base() + "/-/ready", READY_TIMEOUT);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each scrape target's job, health ("up", "down", "unknown") and last error, from {@code /api/v1/targets}. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
            targets.add(new Target(
                    target.path("labels").path("job").asString(),
                    target.path("health").asString(),
                    target.path("lastError").asString()));
        }
        return targets;
    }

    public record Target(String job, String health, String lastError) {}

    /** The alerts in state firing, from {@code /api/v1/alerts}: each one's labels. */
    public List<Map<String, String>> firingAlerts() {
        List<Map<String, String>> firing = new ArrayList<>();
        for (JsonNode alert : get("/api/v1/alerts").path("data").path("alerts")) {
            if ("firing".equals(alert.path("state").asString())) {
                Map<String, String> labels = new TreeMap<>();
                alert.path("labels")
                        .properties()
                        .forEach(label ->
                                labels.put(label.getKey(), label.getValue().asString()));
                firing.add(labels);
            }
        }
        return firing;
    }

    /** Where its log is, for a failure's message. */
    public String logHint() {
        return process.logHint();
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = LocalHttp.get(base() + path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + path);
        }
        return JSON.readTree(response.body());
    }

    private String base() {
        return "http://" + FreePorts.LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        process.kill();
    }
}
