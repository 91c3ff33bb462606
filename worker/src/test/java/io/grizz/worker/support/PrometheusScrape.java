package io.grizz.worker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A worker's {@code /actuator/prometheus}, read as Prometheus would: one sample's value. */
public final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusScrape() {}

    /**
     * The value of the first sample of {@code metric} whose labels contain {@code labelText} (e.g.
     * {@code partition="0"}, or {@code ""} for any), or -1 when there is none.
     */
    public static double value(int port, String metric, String labelText) {
        String scrape;
        try {
            scrape = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labelText)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
