package io.grizz.load.report;

import io.grizz.load.measure.Series;
import java.util.List;

/**
 * A line chart of a report.
 *
 * @param percentileAxis the x values are {@code log10(1 / (1 − percentile))} and are labelled as percentiles
 */
public record Chart(String title, String xLabel, String yLabel, List<Series> series, boolean percentileAxis) {}
