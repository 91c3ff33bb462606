package io.grizz.compose.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where dev mode and the load harness find the worker's jar. */
class WorkerJarTest {

    @Test
    void findsTheWorkerJarFromTheRepositoryRootAndBelowIt(@TempDir Path repository) throws Exception {
        Path jar = repository.resolve("worker/target/grizz-worker.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        Path compose = Files.createDirectories(repository.resolve("compose/target"));

        assertThat(WorkerJar.locate(null, repository)).isEqualTo(jar);
        assertThat(WorkerJar.locate(null, compose)).isEqualTo(jar);
        assertThat(WorkerJar.locate(Path.of("../../worker/target/grizz-worker.jar"), compose))
                .isEqualTo(jar);
    }

    @Test
    void saysHowToBuildAMissingWorkerJar(@TempDir Path empty) {
        assertThatThrownBy(() -> WorkerJar.locate(null, empty)).hasMessageContaining("./mvnw -DskipTests package");
        assertThatThrownBy(() -> WorkerJar.locate(Path.of("nope.jar"), empty)).hasMessageContaining("no such file");
    }
}
