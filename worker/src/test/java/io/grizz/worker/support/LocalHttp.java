package io.grizz.worker.support;

import io.grizz.compose.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to the servers the tests start on loopback (workers, Zipkin, Prometheus): one client, bounded waits. */
public final class LocalHttp {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalHttp() {}

    /** GET, the status and body; an I/O failure is thrown unchecked. */
    public static HttpResponse<String> get(String uri) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST of a JSON body; the status. */
    public static int postJson(String uri, String json) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(uri))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(5))
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code uri} answers 200, while {@code process} lives; kills it and fails, naming its log, when it
     * exits or does not answer {@code within}.
     */
    public static void awaitReady(ChildProcess process, String name, String uri, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; " + process.logHint());
            }
            try {
                if (get(uri).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Drill.sleep(Duration.ofMillis(300));
        }
        process.kill();
        throw new IllegalStateException(name + " not ready within " + within + "; " + process.logHint());
    }
}
