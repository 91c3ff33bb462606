package io.grizz.compose.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.grizz.compose.process.FreePorts;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DevModeTest {

    @Test
    void readsTheWorkerJarArgumentInBothForms() {
        assertThat(DevMode.workerJarArgument(new String[] {})).isNull();
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar", "w.jar"}))
                .isEqualTo("w.jar");
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar=w.jar"}))
                .isEqualTo("w.jar");
        assertThat(DevMode.workerJarArgument(new String[] {"--read-replica", "--worker-jar=w.jar"}))
                .isEqualTo("w.jar");
        assertThatThrownBy(() -> DevMode.workerJarArgument(new String[] {"--verbose"}))
                .hasMessageContaining("--verbose");
    }

    @Test
    void readsTheBrokerCountInBothFormsAndRefusesNonsense() {
        assertThat(DevMode.arguments(new String[] {}).brokers()).isEqualTo(1);
        assertThat(DevMode.arguments(new String[] {"--brokers", "3"})).isEqualTo(new DevMode.Arguments(null, 3, false));
        assertThat(DevMode.arguments(new String[] {"--worker-jar=w.jar", "--brokers=3"}))
                .isEqualTo(new DevMode.Arguments("w.jar", 3, false));
        assertThat(DevMode.arguments(new String[] {"--read-replica", "--brokers", "3"}))
                .isEqualTo(new DevMode.Arguments(null, 3, true));
        assertThatThrownBy(() -> DevMode.arguments(new String[] {"--brokers", "0"}))
                .hasMessageContaining("--brokers must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> DevMode.arguments(new String[] {"--brokers", "three"}))
                .hasMessageContaining("'three'");
    }

    @Test
    void aTakenPortIsNamedWithTheVariableThatMovesItBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DevMode.workerPorts(Map.of("SERVER_PORT", Integer.toString(port))))
                    .hasMessageContaining("port " + port + " is already in use")
                    .hasMessageContaining("set SERVER_PORT");
            assertThatThrownBy(() -> DevMode.workerPorts(
                            Map.of("SERVER_PORT", "0", "MANAGEMENT_SERVER_PORT", Integer.toString(port))))
                    .hasMessageContaining("set MANAGEMENT_SERVER_PORT");
        }
        assertThatThrownBy(() -> DevMode.workerPorts(Map.of("SERVER_PORT", "eighty")))
                .hasMessageContaining("SERVER_PORT=eighty");
        assertThatThrownBy(() -> DevMode.workerPorts(Map.of("SERVER_PORT", "-1")))
                .hasMessageContaining("SERVER_PORT=-1");
    }

    @Test
    void theWorkersPortsAreFixedBeforeItStartsSoItsReadinessCanBeWatched() {
        Map<String, String> picked = DevMode.workerPorts(Map.of("SERVER_PORT", "0", "MANAGEMENT_SERVER_PORT", "0"));
        assertThat(picked).containsOnlyKeys("SERVER_PORT", "MANAGEMENT_SERVER_PORT");
        assertThat(Integer.parseInt(picked.get("SERVER_PORT"))).isPositive();
        assertThat(Integer.parseInt(picked.get("MANAGEMENT_SERVER_PORT"))).isPositive();
        int free = FreePorts.pick();
        assertThat(DevMode.workerPorts(Map.of("SERVER_PORT", Integer.toString(free))))
                .isEqualTo(Map.of("SERVER_PORT", Integer.toString(free)));
    }

    @Test
    void theDatabaseUrlInLibpqFormIsTheJdbcUrlWithItsUser() {
        assertThat(DevMode.libpqUrl("jdbc:postgresql://127.0.0.1:6432/grizz", "postgres"))
                .isEqualTo("postgresql://postgres@127.0.0.1:6432/grizz");
        assertThat(DevMode.libpqUrl("jdbc:postgresql://127.0.0.1:5432/grizz?prepareThreshold=0", "postgres"))
                .as("JDBC parameters mean nothing to libpq")
                .isEqualTo("postgresql://postgres@127.0.0.1:5432/grizz");
        assertThatThrownBy(() -> DevMode.libpqUrl("jdbc:mysql://127.0.0.1/grizz", "root"))
                .hasMessageContaining("jdbc:mysql");
    }

    @Test
    void readyOnlyWhenTheReadinessEndpointAnswersUp() throws Exception {
        AtomicReference<String> status = new AtomicReference<>("DOWN");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = ("{\"status\":\"" + status.get() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get().equals("UP") ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            ReadinessWatch watch =
                    new ReadinessWatch(ReadinessWatch.on(server.getAddress().getPort()));
            assertThat(watch.isUp()).as("DOWN, 503").isFalse();
            assertThat(watch.awaitUp(new AtomicBoolean(false)::get))
                    .as("stops watching when told")
                    .isFalse();
            status.set("UP");
            assertThat(watch.isUp()).as("UP, 200").isTrue();
            assertThat(watch.awaitUp(() -> true)).isTrue();
        } finally {
            server.stop(0);
        }
        ReadinessWatch nobody = new ReadinessWatch(ReadinessWatch.on(FreePorts.pick()));
        assertThat(nobody.isUp()).as("nothing listening yet").isFalse();
    }

    @Test
    void theReadyLineSaysWhereAndWhen() {
        assertThat(DevMode.readyLine("8080", ReadinessWatch.on(8081), Duration.ofMillis(6_532)))
                .contains(
                        DevMode.READY, "http://127.0.0.1:8081/actuator/health/readiness", "6532 ms", "localhost:8080");
    }
}
