package io.grizz.load.report;

import io.grizz.load.measure.LatencySummary;
import io.grizz.load.oracle.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one command measured, in the shape the JSON file has; the HTML and console reports render it.
 *
 * @param passed      false when the oracle found lost, stale or mismatched messages, or the run could not finish
 * @param environment the machine and the servers, so a figure is never read without what it ran on
 * @param settings    the command's options
 * @param verdict     the oracle's, or null for commands that publish nothing (ceiling, direct)
 */
public record Report(
        String command,
        String title,
        String runId,
        Instant startedAt,
        Instant finishedAt,
        boolean passed,
        Map<String, String> environment,
        Map<String, Object> settings,
        List<Figure> figures,
        List<LatencySummary> latencies,
        Verdict verdict,
        List<Chart> charts,
        List<Table> tables,
        List<String> notes) {

    public static Builder builder(String command, String title, String runId) {
        return new Builder(command, title, runId);
    }

    /**
     * The stack line (environment {@code stack}): the servers and how the events reached them, which a figure must
     * never be read without, so every rendering shows it under the title; null if the command set none.
     */
    public String stack() {
        return environment.get("stack");
    }

    /** The figure named {@code key}; fails if there is none. */
    public double figure(String key) {
        return figures.stream()
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + key + " in the " + command + " report"))
                .value();
    }

    /** Collects a report while a command runs. */
    public static final class Builder {
        private final String command;
        private final String title;
        private final String runId;
        private final Instant startedAt = Instant.now();
        private boolean passed = true;
        private final Map<String, String> environment = new LinkedHashMap<>(Machine.describe());
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final List<Figure> figures = new ArrayList<>();
        private final List<LatencySummary> latencies = new ArrayList<>();
        private Verdict verdict;
        private final List<Chart> charts = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String command, String title, String runId) {
            this.command = command;
            this.title = title;
            this.runId = runId;
        }

        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder setting(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        public Builder figure(String key, String label, double value, String unit) {
            figures.add(new Figure(key, label, value, unit));
            return this;
        }

        public Builder latency(LatencySummary summary) {
            latencies.add(summary);
            return this;
        }

        /**
         * Sets the oracle's verdict; a failed one fails the report. Of several (compare's rounds), the first failed
         * one is kept: it is the one to debug.
         */
        public Builder verdict(Verdict verdict) {
            if (this.verdict == null || this.verdict.passed()) {
                this.verdict = verdict;
            }
            if (!verdict.passed()) {
                passed = false;
            }
            return this;
        }

        public Builder chart(Chart chart) {
            charts.add(chart);
            return this;
        }

        public Builder table(Table table) {
            tables.add(table);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** Marks the run failed for a reason other than the oracle's, e.g. a send that failed. */
        public Builder failed(String reason) {
            passed = false;
            notes.add(reason);
            return this;
        }

        public Report build() {
            return new Report(
                    command,
                    title,
                    runId,
                    startedAt,
                    Instant.now(),
                    passed,
                    new LinkedHashMap<>(environment),
                    new LinkedHashMap<>(settings),
                    List.copyOf(figures),
                    List.copyOf(latencies),
                    verdict,
                    List.copyOf(charts),
                    List.copyOf(tables),
                    List.copyOf(notes));
        }
    }
}
