package io.grizz.compose.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Watches the worker's {@code /actuator/health/readiness} (docs/contract.md §7) until it answers UP. Dev mode says
 * "ready" then, not once its stack is up: the worker still has its migrations, its pools and its consumer group
 * ahead of it, and a tool started at "ready" should find it taking events and answering reads. The status is
 * public; no token is needed.
 */
final class ReadinessWatch {

    static final Duration POLL = Duration.ofMillis(250);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final URI readiness;

    ReadinessWatch(URI readiness) {
        this.readiness = readiness;
    }

    /** The readiness endpoint of a worker whose actuator listens on {@code port} of this machine. */
    static URI on(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    URI uri() {
        return readiness;
    }

    /** One look: whether the endpoint answers 200 with status UP (not listening yet, DOWN, 503: not ready). */
    boolean isUp() throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(readiness).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && UP.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Looks every {@link #POLL} until the worker is ready (true) or {@code watching} turns false first, e.g. once the
     * worker has exited (false).
     */
    boolean awaitUp(BooleanSupplier watching) throws InterruptedException {
        while (watching.getAsBoolean()) {
            if (isUp()) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }
}
