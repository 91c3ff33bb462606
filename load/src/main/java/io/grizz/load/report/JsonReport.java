package io.grizz.load.report;

import java.nio.file.Path;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as a JSON file, for scripts and for comparing runs: snake_case names, times as RFC 3339 text,
 * latencies in milliseconds, rates per second.
 */
public final class JsonReport {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {}

    public static void write(Report report, Path file) {
        MAPPER.writeValue(file, report);
    }

    public static String text(Report report) {
        return MAPPER.writeValueAsString(report);
    }
}
