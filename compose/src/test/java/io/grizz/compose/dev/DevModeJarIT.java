package io.grizz.compose.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged dev jar ({@code java -jar target/grizz-compose-dev.jar}) the way a developer does, with
 * {@link FakeWorker} as the worker: this proves that the Kafka child JVM starts from inside the Spring Boot jar,
 * and that nothing outlives dev mode however it ends.
 */
class DevModeJarIT {

    private static final Path DEV_JAR = Path.of("target", "grizz-compose-dev.jar");
    private static final Pattern KAFKA_LOG = Pattern.compile("Kafka log\\s+(\\S+)");
    private static final Pattern DATA = Pattern.compile("data in (\\S+)");

    @TempDir
    Path temp;

    @Test
    void runsTheWorkerAgainstTheStackAndExitsWithItsExitCode() throws Exception {
        Process devMode = start("exit");
        assertThat(devMode.waitFor(120, TimeUnit.SECONDS)).as("dev mode exited").isTrue();
        String output = output();

        assertThat(devMode.exitValue()).as(output).isEqualTo(FakeWorker.EXIT_CODE);
        assertThat(output)
                .contains(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "READ_API_JWT_SECRET",
                        "export TOKEN=ey",
                        "with roles ingest,read-api and topic message-writes.v1",
                        "/grizz");
        assertServerDirectoriesDeleted(output);
    }

    @Test
    void ctrlCStopsTheWorkerAndThenTheStack() throws Exception {
        Process devMode = start("wait");
        awaitOutput("fake worker pid");
        List<ProcessHandle> children = devMode.descendants().toList();

        new ProcessBuilder("kill", "-INT", Long.toString(devMode.pid())).start().waitFor();

        assertThat(devMode.waitFor(60, TimeUnit.SECONDS))
                .as("dev mode exited after SIGINT")
                .isTrue();
        assertAllGone(children, Duration.ofSeconds(5));
        assertServerDirectoriesDeleted(output());
    }

    @Test
    void serversDoNotOutliveAKilledDevMode() throws Exception {
        Process devMode = start("wait");
        awaitOutput("fake worker pid");
        List<ProcessHandle> children = devMode.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(3);

        devMode.destroyForcibly().waitFor();

        assertAllGone(children, Duration.ofSeconds(45));
        awaitServerDirectoriesDeleted(output(), Duration.ofSeconds(10));
    }

    private Process start(String fakeWorkerMode) throws IOException {
        assertThat(DEV_JAR).as("built by mvn package").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                DEV_JAR.toString(),
                "--worker-jar",
                fakeWorkerJar().toString());
        builder.environment().put("FAKE_WORKER_MODE", fakeWorkerMode);
        builder.environment().remove("GRIZZ_TOPIC");
        // the fake worker listens on nothing; port 8080 may be anyone's on a test machine
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().remove("MANAGEMENT_SERVER_PORT");
        return builder.redirectErrorStream(true)
                .redirectOutput(temp.resolve("dev-mode.out").toFile())
                .start();
    }

    private Path fakeWorkerJar() throws IOException {
        Path jar = temp.resolve("fake-worker.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeWorker.class.getName());
        String entry = FakeWorker.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = FakeWorker.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }

    private String output() throws IOException {
        return Files.readString(temp.resolve("dev-mode.out"));
    }

    private void awaitOutput(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!output().contains(text)) {
            assertThat(System.nanoTime())
                    .as("waiting for '" + text + "' in:\n" + output())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void assertAllGone(List<ProcessHandle> processes, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(processes.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .as("processes still alive")
                .isEmpty();
    }

    private static void assertServerDirectoriesDeleted(String output) throws InterruptedException {
        awaitServerDirectoriesDeleted(output, Duration.ZERO);
    }

    private static void awaitServerDirectoriesDeleted(String output, Duration within) throws InterruptedException {
        Matcher kafkaLog = KAFKA_LOG.matcher(output);
        Matcher data = DATA.matcher(output);
        assertThat(kafkaLog.find()).as(output).isTrue();
        assertThat(data.find()).as(output).isTrue();
        Path kafkaHome = Path.of(kafkaLog.group(1)).getParent();
        Path postgresHome = Path.of(data.group(1)).getParent();
        long deadline = System.nanoTime() + within.toNanos();
        while ((Files.exists(kafkaHome) || Files.exists(postgresHome)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(kafkaHome).doesNotExist();
        assertThat(postgresHome).doesNotExist();
    }
}
