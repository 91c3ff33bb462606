package io.grizz.load.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code aot-cache} on a real JDK 25 (the harness run by it, as the docs say): the training drain passes its oracle
 * and leaves the cache beside the extracted jar, and a later drain by a launcher on the same JDK starts the worker
 * from it. The worker of that drain runs with {@code -XX:AOTMode=on}, with which the JVM refuses to start unless it
 * can use the cache it was given, so a drain that passes is a worker started from the cache. On the JDK the tests run
 * on (17), the same command replaces the build's CDS archive, and {@code -Xshare:on} proves the next start maps it.
 * The build's worker directory is copied first: an archive holds to the jar's path (so the build's, copied, is of no
 * use to the copy until the training replaces it), and the build's own stays as the build left it.
 */
class AotCacheIT {

    @TempDir
    Path work;

    @Test
    void aCacheTrainedOnADrainIsWhatTheNextStartUses() throws Exception {
        Optional<Path> java = newestJava(25);
        assumeTrue(java.isPresent(), "no JDK 25 or newer under /usr/lib/jvm (or -Dgrizz.test.java25)");
        Path workerJar = copyOfTheBuiltWorker();
        Path cache = workerJar.resolveSibling("grizz-worker-cds").resolve("grizz-worker.aot");

        assertThat(harness(java.get(), "aot-cache", workerJar, work.resolve("training"), "--events", "4000"))
                .as("aot-cache's exit code (its log: %s)", work.resolve("training.log"))
                .isZero();
        assertThat(cache).isRegularFile();
        assertThat(ReportFiles.only(work.resolve("training"), "aot-cache")
                        .get("verdict")
                        .get("lost")
                        .asInt())
                .isZero();

        int drain = harness(
                java.get(),
                "drain",
                workerJar,
                work.resolve("drain"),
                "--events",
                "3000",
                "--worker-java-option=-XX:AOTMode=on");
        JsonNode report = ReportFiles.only(work.resolve("drain"), "drain");
        assertThat(report.get("verdict").get("visible").asInt()).isEqualTo(3_000);
        assertThat(drain)
                .as("drain's exit code (its log: %s)", work.resolve("drain.log"))
                .isZero();
    }

    @Test
    void onAnOlderJdkTheCdsArchiveIsTrainedOnADrainAndIsWhatTheNextStartUses() throws Exception {
        assumeTrue(Runtime.version().feature() < 25, "the tests run on JDK 25 or newer: the test above covers it");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path workerJar = copyOfTheBuiltWorker();
        Path archive = workerJar.resolveSibling("grizz-worker-cds").resolve("grizz-worker.jsa");

        assertThat(harness(java, "aot-cache", workerJar, work.resolve("training"), "--events", "4000"))
                .as("aot-cache's exit code (its log: %s)", work.resolve("training.log"))
                .isZero();
        assertThat(archive.resolveSibling("grizz-worker.jsa.training")).doesNotExist();

        // -Xshare:on: the JVM refuses to start unless it maps the archive it is given, which the build's copied
        // archive, made for the build's own path, is not
        int drain = harness(
                java, "drain", workerJar, work.resolve("drain"), "--events", "3000", "--worker-java-option=-Xshare:on");
        assertThat(ReportFiles.only(work.resolve("drain"), "drain")
                        .get("verdict")
                        .get("visible")
                        .asInt())
                .isEqualTo(3_000);
        assertThat(drain)
                .as("drain's exit code (its log: %s)", work.resolve("drain.log"))
                .isZero();
    }

    private int harness(Path java, String command, Path workerJar, Path reports, String... more) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                java.toString(),
                "-jar",
                Path.of("target/grizz-load.jar").toAbsolutePath().toString(),
                command,
                "--stack",
                "local",
                "--worker-jar",
                workerJar.toString(),
                "--report-dir",
                reports.toString()));
        line.addAll(List.of(more));
        Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(command + ".log").toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 10 minutes");
        }
        return process.exitValue();
    }

    /** The executable jar and its extracted directory with the CDS archive, not older than the jar. */
    private Path copyOfTheBuiltWorker() throws IOException {
        Path built = Path.of(System.getProperty("grizz.worker.jar", "../worker/target/grizz-worker.jar"));
        Path copy = work.resolve("worker").resolve(built.getFileName());
        Files.createDirectories(copy.getParent());
        Files.copy(built, copy);
        Path extracted = built.resolveSibling("grizz-worker-cds");
        try (Stream<Path> files = Files.walk(extracted)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".aot"))
                    .toList()) {
                Path target = copy.resolveSibling("grizz-worker-cds")
                        .resolve(extracted.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    /** {@code -Dgrizz.test.java25}, else the newest {@code /usr/lib/jvm/*} of release {@code feature} or later. */
    private static Optional<Path> newestJava(int feature) throws IOException {
        String given = System.getProperty("grizz.test.java25");
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> release(home) >= feature)
                    .max(Comparator.comparingInt(AotCacheIT::release))
                    .map(home -> home.resolve("bin/java"));
        }
    }

    /** The feature release in the JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"}), or 0. */
    private static int release(Path home) {
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("[^0-9.]", "").split("\\.")[0])
                    .mapToInt(Integer::parseInt)
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
