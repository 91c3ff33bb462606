package io.grizz.load.commands;

import io.grizz.load.report.Report;
import java.util.Locale;
import java.util.Map;

/** Average cores per process during a phase, as figures named {@code cpu_<process>}. */
final class CpuFigures {

    private CpuFigures() {}

    /** @param phase how the label names the window, e.g. "during the drain" */
    static void add(Report.Builder report, Map<String, Double> cores, String phase) {
        cores.forEach((process, used) -> report.figure(
                "cpu_" + process.toLowerCase(Locale.ROOT).replace(' ', '_'),
                "CPU " + phase + ": " + process,
                used,
                "cores"));
    }
}
