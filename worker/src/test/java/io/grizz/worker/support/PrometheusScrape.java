package io.grizz.worker.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A worker's {@code /actuator/prometheus}, read as Prometheus would: one sample's value. */
public final class PrometheusScrape {

    private PrometheusScrape() {}

    /**
     * The value of the first sample of {@code metric} whose labels contain {@code labelText} (e.g.
     * {@code partition="0"}, or {@code ""} for any), or -1 when there is none.
     */
    public static double value(int port, String metric, String labelText) {
        String scrape = LocalHttp.get("http://127.0.0.1:" + port + "/actuator/prometheus")
                .body();
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
