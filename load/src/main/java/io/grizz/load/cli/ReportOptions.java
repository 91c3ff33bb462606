package io.grizz.load.cli;

import io.grizz.load.report.ConsoleReport;
import io.grizz.load.report.Report;
import io.grizz.load.report.ReportFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where reports and the worker's logs go, and how a command ends with its report. */
public final class ReportOptions {

    @Option(
            names = "--report-dir",
            defaultValue = "load-reports",
            description = "where the JSON and HTML reports and the worker's log go (default: ${DEFAULT-VALUE})")
    Path reportDirectory;

    public Path directory() {
        return reportDirectory;
    }

    /** Prints the report, writes its files, and returns the exit code: 0 if it passed, 1 if not. */
    public int emit(Report report) {
        ConsoleReport.print(report, System.out);
        List<Path> files = ReportFiles.write(report, reportDirectory);
        files.forEach(file -> System.out.println("  report: " + file.toAbsolutePath()));
        return report.passed() ? 0 : 1;
    }
}
