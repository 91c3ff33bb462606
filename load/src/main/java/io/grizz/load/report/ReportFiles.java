package io.grizz.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a report's JSON and HTML files side by side: {@code <dir>/<command>-<run id>.json|.html}. */
public final class ReportFiles {

    private ReportFiles() {}

    /** Returns the files written. */
    public static List<Path> write(Report report, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        Path json = directory.resolve(report.command() + "-" + report.runId() + ".json");
        Path html = directory.resolve(report.command() + "-" + report.runId() + ".html");
        JsonReport.write(report, json);
        HtmlReport.write(report, html);
        return List.of(json, html);
    }
}
