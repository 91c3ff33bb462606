package io.grizz.load.commands;

import io.grizz.load.report.Report;
import java.util.Locale;
import java.util.Map;

/**
 * Average cores per process during a phase, as figures named {@code cpu_<process>}, and the CPU time each spent per
 * row, {@code cpu_per_row_<process>}: on a machine shared with other work the rates move with it, the CPU time a row
 * costs much less.
 */
final class CpuFigures {

    private CpuFigures() {}

    /** @param phase how the label names the window, e.g. "during the drain" */
    static void add(Report.Builder report, Map<String, Double> cores, String phase) {
        cores.forEach((process, used) ->
                report.figure("cpu_" + key(process), "CPU " + phase + ": " + process, used, "cores"));
    }

    /** @param rowsPerSecond the rate of the same phase */
    static void addPerRow(Report.Builder report, Map<String, Double> cores, double rowsPerSecond, String phase) {
        if (!(rowsPerSecond > 0)) {
            return;
        }
        cores.forEach((process, used) -> report.figure(
                "cpu_per_row_" + key(process),
                "CPU per row " + phase + ": " + process,
                perRow(used, rowsPerSecond),
                "µs"));
    }

    /** Microseconds of CPU per row: cores used divided by rows per second. */
    static double perRow(double cores, double rowsPerSecond) {
        return cores * 1e6 / rowsPerSecond;
    }

    private static String key(String process) {
        return process.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
