package io.grizz.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.dev.ReadApiToken;
import io.grizz.contracts.Wire;
import io.grizz.worker.support.MessageTable;
import io.grizz.worker.support.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The read API's throughput and latency, for the README and the issue: requests per second and
 * p99 of {@code GET /v1/conversations/{id}/messages?limit=50} (a random one of 1,000
 * conversations each time) on a table of 1,000,000 messages, with 50 concurrent clients in a
 * closed loop. The worker runs as it ships ({@code java -jar grizz-worker.jar}, role read-api
 * only) in its own JVM; the clients run here. Opt-in, since it takes a few minutes:
 *
 * <pre>./mvnw -q install -DskipTests &amp;&amp; ./mvnw -pl worker verify -Dgrizz.benchmark=true \
 *     -Dit.test=ReadApiBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * {@code -Dgrizz.benchmark.clients}, {@code .seconds} and {@code .warmup-seconds} change the run;
 * {@code -Dgrizz.benchmark.jvm-options="-XX:StartFlightRecording=filename=/tmp/worker.jfr"} profiles the worker.
 */
@EnabledIfSystemProperty(named = "grizz.benchmark", matches = "true")
class ReadApiBenchmarkIT {

    private static final int CONVERSATIONS = 1_000;
    private static final int MESSAGES_EACH = 1_000;
    private static final String SECRET = ReadApiToken.newSecret();

    private final int clients = Integer.getInteger("grizz.benchmark.clients", 50);
    private final Duration measure = Duration.ofSeconds(Integer.getInteger("grizz.benchmark.seconds", 60));
    private final Duration warmUp = Duration.ofSeconds(Integer.getInteger("grizz.benchmark.warmup-seconds", 20));

    @Test
    void pagesOfFiftyMessagesFromAMillionRowTable() throws Exception {
        // before anything of this run: the load average counts runnable threads, and 50 clients make plenty
        String machineLoad = Files.readString(Path.of("/proc/loadavg")).trim();
        long loadStarted = System.nanoTime();
        try (MessageTable table = MessageTable.create("read_api_benchmark", 100, CONVERSATIONS, MESSAGES_EACH)) {
            long rows = table.jdbc().queryForObject("SELECT count(*) FROM messages", Long.class);
            assertThat(rows).isEqualTo((long) CONVERSATIONS * MESSAGES_EACH);
            System.out.printf("loaded %,d messages in %d s%n", rows, (System.nanoTime() - loadStarted) / 1_000_000_000);
            List<UUID> conversations = table.jdbc().queryForList("SELECT id FROM conversations", UUID.class);

            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", table.jdbcUrl());
            env.put("DATABASE_USERNAME", table.stack().username());
            env.put("DATABASE_PASSWORD", table.stack().password());
            env.put("GRIZZ_ROLES", "read-api");
            env.put("READ_API_JWT_SECRET", SECRET);
            env.put("SERVER_PORT", String.valueOf(port));
            String[] jvmOptions =
                    System.getProperty("grizz.benchmark.jvm-options", "").trim().split("\\s+");
            try (WorkerProcess worker =
                    WorkerProcess.start(env, jvmOptions[0].isEmpty() ? new String[0] : jvmOptions)) {
                URI base = URI.create("http://127.0.0.1:" + port);
                awaitReady(base, worker);
                String token =
                        ReadApiToken.issue(SECRET, "benchmark", Wire.SERVICE_SCOPE, Instant.now(), Duration.ofHours(1));
                run(base, token, conversations, warmUp);
                ProcessHandle server = ProcessHandle.current()
                        .children()
                        .filter(p -> p.info()
                                .commandLine()
                                .map(c -> c.contains("grizz-worker.jar"))
                                .orElse(false))
                        .findFirst()
                        .orElseThrow();
                Duration cpuBefore = server.info().totalCpuDuration().orElse(Duration.ZERO);
                Result result = run(base, token, conversations, measure);
                Duration serverCpu =
                        server.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore);
                String report = result.report(clients, measure)
                        + String.format(
                                "  worker CPU %.2f ms per request; load average before the run %s%n",
                                serverCpu.toNanos()
                                        / 1e6
                                        / Math.max(1, result.latency().getTotalCount()),
                                machineLoad);
                System.out.println(report);
                Files.writeString(Path.of("target", "read-api-benchmark.txt"), report);
                assertThat(result.errors()).isZero();
                worker.terminate(Duration.ofSeconds(30));
            }
        }
    }

    record Result(Histogram latency, long errors) {

        String report(int clients, Duration duration) {
            double seconds = duration.toNanos() / 1e9;
            return String.format(
                    "GET /v1/conversations/{id}/messages?limit=50, 1,000,000 messages, %d clients, %d s:%n"
                            + "  requests %,d (errors %d), %.0f requests/s%n"
                            + "  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    clients,
                    duration.toSeconds(),
                    latency.getTotalCount(),
                    errors,
                    latency.getTotalCount() / seconds,
                    ms(50),
                    ms(90),
                    ms(99),
                    ms(99.9),
                    latency.getMaxValue() / 1000.0);
        }

        private double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** {@code clients} threads, each sending its next request as soon as the last one is answered. */
    private Result run(URI base, String token, List<UUID> conversations, Duration duration)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(
                    () -> {
                        while (System.nanoTime() < end) {
                            UUID conversation = conversations.get(
                                    ThreadLocalRandom.current().nextInt(conversations.size()));
                            HttpRequest request = HttpRequest.newBuilder(
                                            base.resolve("/v1/conversations/" + conversation + "/messages?limit=50"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Accept", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .build();
                            long started = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                recorder.recordValue((System.nanoTime() - started) / 1_000);
                                if (response.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "benchmark-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(recorder.getIntervalHistogram(), errors.get());
    }

    private static void awaitReady(URI base, WorkerProcess worker) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(worker.isAlive())
                    .as("worker running; log: %s", worker.log())
                    .isTrue();
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("worker not ready within 120 s; log: " + worker.log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
