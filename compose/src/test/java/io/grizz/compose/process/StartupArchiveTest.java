package io.grizz.compose.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchiveTest {

    @TempDir
    Path target;

    @Test
    void theWorkerStartsFromTheArchiveTheBuildLeftBesideItsJar() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T10:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T10:00:01Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jsa"), Instant.parse("2026-12-05T10:00:05Z"));

        assertThat(WorkerJarProcess.launchArguments(jar, List.of()))
                .containsExactly(
                        "-XX:SharedArchiveFile=" + target.resolve("grizz-worker-cds/grizz-worker.jsa"),
                        "-jar",
                        target.resolve("grizz-worker-cds/grizz-worker.jar").toString());
    }

    @Test
    void aJarRebuiltAfterItsArchiveRunsAsItIs() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T11:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T10:00:01Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jsa"), Instant.parse("2026-12-05T10:00:05Z"));

        assertThat(WorkerJarProcess.launchArguments(jar, List.of())).containsExactly("-jar", jar.toString());
    }

    @Test
    void aJarWithoutArchiveRunsAsItIs() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T11:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T11:00:01Z"));

        assertThat(StartupArchive.beside(jar)).isEmpty();
        assertThat(WorkerJarProcess.launchArguments(jar, List.of())).containsExactly("-jar", jar.toString());
    }

    @Test
    void aJdkThatReadsAnAotCacheStartsFromItAndAnOlderJdkFromTheCdsArchive() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T10:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T10:00:01Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jsa"), Instant.parse("2026-12-05T10:00:05Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.aot"), Instant.parse("2026-12-05T10:10:00Z"));
        StartupArchive archive = StartupArchive.beside(jar).orElseThrow();
        String extracted = target.resolve("grizz-worker-cds/grizz-worker.jar").toString();

        assertThat(archive.launchArguments(25, List.of("-Xmx512m")))
                .containsExactly(
                        "-XX:AOTCache=" + target.resolve("grizz-worker-cds/grizz-worker.aot"), "-jar", extracted);
        assertThat(archive.launchArguments(17, List.of()))
                .containsExactly(
                        "-XX:SharedArchiveFile=" + target.resolve("grizz-worker-cds/grizz-worker.jsa"),
                        "-jar",
                        extracted);
    }

    @Test
    void anAotCacheOlderThanTheJarIsLeftAside() throws Exception {
        file(target.resolve("grizz-worker-cds/grizz-worker.aot"), Instant.parse("2026-12-05T09:00:00Z"));
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T10:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T10:00:01Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jsa"), Instant.parse("2026-12-05T10:00:05Z"));

        assertThat(StartupArchive.beside(jar).orElseThrow().aotCache()).isEmpty();
    }

    @Test
    void aTrainingRunWritesItsCacheAndReadsNone() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T10:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T10:00:01Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jsa"), Instant.parse("2026-12-05T10:00:05Z"));
        String output = "-XX:AOTCacheOutput=" + StartupArchive.aotCacheFor(jar);

        assertThat(WorkerJarProcess.launchArguments(jar, List.of(output)))
                .containsExactly(
                        "-jar",
                        target.resolve("grizz-worker-cds/grizz-worker.jar").toString());
    }

    private static Path file(Path path, Instant modified) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }
}
