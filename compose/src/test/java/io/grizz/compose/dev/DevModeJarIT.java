package io.grizz.compose.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the packaged dev jar ({@code java -jar target/grizz-compose-dev.jar}) the way a developer does, with
 * {@link FakeWorker} as the worker: this proves that the Kafka child JVM starts from inside the Spring Boot jar,
 * that dev mode says "ready" only once the worker's readiness is UP, that the libpq form of the database URL it
 * prints takes psql there, that Ctrl-C and SIGTERM end it with exit status 0, and that nothing outlives dev mode
 * however it ends.
 */
class DevModeJarIT {

    private static final Path DEV_JAR = Path.of("target", "grizz-compose-dev.jar");
    private static final Pattern KAFKA_LOG = Pattern.compile("Kafka log\\s+(\\S+)");
    private static final Pattern DATA = Pattern.compile("data in (\\S+)");
    private static final Pattern JDBC_URL = Pattern.compile("export DATABASE_URL=jdbc:postgresql://(\\S+)");
    private static final Pattern LIBPQ_URL = Pattern.compile("export DATABASE_URL_LIBPQ=(\\S+)");
    private static final String PSQL = "/usr/bin/psql";

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
        assertThat(output).as("a worker that never was ready").doesNotContain(DevMode.READY);
        assertServerDirectoriesDeleted(output);
    }

    /** Ctrl-C is SIGINT; a script or a supervisor sends SIGTERM. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void saysReadyOnceTheWorkerIsAndASignalStopsTheWorkerThenTheStackWithExitStatus0(String signal) throws Exception {
        Process devMode = start("wait");
        awaitOutput(DevMode.READY);
        String output = output();
        assertThat(output.indexOf(FakeWorker.ANSWERED_DOWN))
                .as("dev mode asked while the worker was not ready, and did not say ready:\n" + output)
                .isNotNegative()
                .isLessThan(output.indexOf(FakeWorker.ANSWERED_UP));
        assertThat(output.indexOf(FakeWorker.ANSWERED_UP))
                .as("ready only after the worker's readiness answered UP:\n" + output)
                .isLessThan(output.indexOf(DevMode.READY));
        assertThat(output.split(Pattern.quote(DevMode.READY), -1))
                .as("said once")
                .hasSize(2);
        assertTheLibpqUrlIsTheJdbcUrlAndPsqlReachesIt(output);
        List<ProcessHandle> children = devMode.descendants().toList();

        new ProcessBuilder("kill", "-" + signal, Long.toString(devMode.pid()))
                .start()
                .waitFor();

        assertThat(devMode.waitFor(60, TimeUnit.SECONDS))
                .as("dev mode exited after SIG" + signal)
                .isTrue();
        assertThat(devMode.exitValue())
                .as("exit status after SIG" + signal + "\n" + output())
                .isZero();
        assertThat(output()).contains("fake worker stopping on SIGTERM");
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

    private static void assertTheLibpqUrlIsTheJdbcUrlAndPsqlReachesIt(String output) throws Exception {
        Matcher jdbc = JDBC_URL.matcher(output);
        Matcher libpq = LIBPQ_URL.matcher(output);
        assertThat(jdbc.find()).as(output).isTrue();
        assertThat(libpq.find()).as(output).isTrue();
        assertThat(libpq.group(1)).isEqualTo("postgresql://postgres@" + jdbc.group(1));
        assertThat(Path.of(PSQL))
                .as("psql, to follow the printed URL as a user would: apt-get install -y postgresql-client")
                .isExecutable();
        Process psql = new ProcessBuilder(PSQL, "-X", libpq.group(1), "-tAc", "SELECT current_database()")
                .redirectErrorStream(true)
                .start();
        String answer = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(psql.exitValue()).as(answer).isZero();
        assertThat(answer.trim()).isEqualTo(DevMode.DATABASE);
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
