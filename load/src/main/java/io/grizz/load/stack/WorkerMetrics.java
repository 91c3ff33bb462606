package io.grizz.load.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker's own counters (docs/contract.md §7), read from {@code /actuator/prometheus} at the end of a run: how
 * large its
 * batches were and how much of the run it spent persisting them, the first clue to where the time goes.
 */
public final class WorkerMetrics {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WorkerMetrics() {}

    /** Each grizz_* sample name, summed over its label sets; empty if the endpoint does not answer. */
    public static Map<String, Double> scrape(String prometheusUrl) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(prometheusUrl))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? sums(response.body()) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Sums the samples of every {@code grizz_} metric of a Prometheus text exposition by name. */
    static Map<String, Double> sums(String exposition) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("grizz_")) {
                continue;
            }
            int nameEnd = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            int valueStart = line.lastIndexOf(' ');
            if (nameEnd <= 0 || valueStart <= nameEnd) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(line.substring(valueStart + 1));
            } catch (NumberFormatException notANumber) {
                continue;
            }
            if (Double.isFinite(value)) {
                sums.merge(line.substring(0, nameEnd), value, Double::sum);
            }
        }
        return sums;
    }
}
