package io.grizz.load.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report a command wrote into a test's report directory. */
final class ReportFiles {

    private ReportFiles() {}

    /** The one {@code <command>-….json} in {@code directory}, parsed. */
    static JsonNode only(Path directory, String command) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            Path report = files.filter(f -> f.getFileName().toString().matches(command + "-.*\\.json"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + command + " report in " + directory));
            return JsonMapper.builder().build().readTree(report.toFile());
        }
    }
}
