package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.compose.process.WorkerJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerJarTest {

    @TempDir
    Path repository;

    @Test
    void findsTheBuiltJarFromTheRepositoryOrBelowIt() throws Exception {
        Path jar = repository.resolve("worker/target/grizz-worker.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Path load = Files.createDirectories(repository.resolve("load"));
        String property = System.clearProperty(WorkerJar.PROPERTY);
        try {
            assertThat(WorkerJar.locate(null, repository)).isEqualTo(jar);
            assertThat(WorkerJar.locate(null, load)).isEqualTo(jar);
            assertThat(WorkerJar.locate(Path.of("../worker/target/grizz-worker.jar"), load))
                    .isEqualTo(jar);
        } finally {
            if (property != null) {
                System.setProperty(WorkerJar.PROPERTY, property);
            }
        }
    }

    @Test
    void saysHowToBuildItWhenThereIsNone() {
        assertThatThrownBy(() -> WorkerJar.locate(Path.of("nope.jar"), repository))
                .hasMessageContaining("./mvnw");
    }
}
