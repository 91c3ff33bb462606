package io.grizz.load.commands;

import io.grizz.load.benchmark.CeilingBenchmark;
import io.grizz.load.benchmark.DirectBenchmark;
import io.grizz.load.benchmark.DrainBenchmark;
import io.grizz.load.measure.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the rounds measured, one element per round, filled in as they run. */
final class CompareRounds {
    final double[] ceiling;
    final double[] copyDatabaseMicros;
    final double[] direct;
    final double[] drain;
    final double[] launchToDone;
    final double[] startup;
    final List<Series> timelines = new ArrayList<>();
    final List<Map<String, Double>> cpu = new ArrayList<>();
    long peakRss = -1;

    CompareRounds(int rounds) {
        ceiling = new double[rounds];
        copyDatabaseMicros = new double[rounds];
        direct = new double[rounds];
        drain = new double[rounds];
        launchToDone = new double[rounds];
        startup = new double[rounds];
    }

    void ceiling(int r, CeilingBenchmark.Result result) {
        ceiling[r] = result.rowsPerSecond();
        copyDatabaseMicros[r] = result.databaseMicrosPerRow();
    }

    void direct(int r, DirectBenchmark.Result result) {
        direct[r] = result.rowsPerSecond();
    }

    void drain(int r, DrainBenchmark.Result result) {
        drain[r] = result.rowsPerSecond();
        launchToDone[r] = result.launchToDoneRowsPerSecond();
        startup[r] = result.startupSeconds();
        peakRss = Math.max(peakRss, result.peakRssBytes());
        timelines.add(new Series("round " + (r + 1), result.timeline().points()));
        cpu.add(result.cpuCores());
    }
}
