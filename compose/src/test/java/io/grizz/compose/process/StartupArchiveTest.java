package io.grizz.compose.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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

        assertThat(WorkerJarProcess.launchArguments(jar))
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

        assertThat(WorkerJarProcess.launchArguments(jar)).containsExactly("-jar", jar.toString());
    }

    @Test
    void aJarWithoutArchiveRunsAsItIs() throws Exception {
        Path jar = file(target.resolve("grizz-worker.jar"), Instant.parse("2026-12-05T11:00:00Z"));
        file(target.resolve("grizz-worker-cds/grizz-worker.jar"), Instant.parse("2026-12-05T11:00:01Z"));

        assertThat(StartupArchive.beside(jar)).isEmpty();
        assertThat(WorkerJarProcess.launchArguments(jar)).containsExactly("-jar", jar.toString());
    }

    private static Path file(Path path, Instant modified) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }
}
