package io.grizz.load.measure;

import java.util.List;

/** One line of a chart: x values (seconds, or a percentile scale) and y values, same length. */
public record Series(String name, List<double[]> points) {}
