package io.grizz.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A producer written in another language (src/test/resources/producers, the examples of docs/producers.md) run as
 * its users run it, as a process: it must exit 0 within its time, and what it prints on standard output is read as
 * the events the broker acknowledged, one JSON value per line. Its standard error goes to the test's.
 */
public final class ProducerScript {

    /** Where the scripts are, from the worker module's directory (the tests' working directory). */
    public static final Path SOURCES = Path.of("src", "test", "resources", "producers");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProducerScript() {}

    /** Runs {@code command} in {@code directory} and returns the events it printed. */
    public static List<JsonNode> run(Path directory, Duration timeout, String... command) throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "producer-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
            }
            assertThat(process.exitValue())
                    .as("exit code of " + String.join(" ", command))
                    .isZero();
            try (Stream<String> lines = Files.lines(out, StandardCharsets.UTF_8)) {
                return lines.map(JSON::readTree).toList();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Whether {@code command} runs and exits 0 (e.g. an interpreter importing a package). */
    public static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The message ids of the events, in order. */
    public static List<UUID> messageIds(List<JsonNode> events) {
        return events.stream()
                .map(e -> UUID.fromString(e.get("message_id").asString()))
                .toList();
    }
}
