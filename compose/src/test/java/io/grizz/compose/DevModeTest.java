package io.grizz.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevModeTest {

    @Test
    void readsTheWorkerJarArgumentInBothForms() {
        assertThat(DevMode.workerJarArgument(new String[] {})).isNull();
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar", "w.jar"})).isEqualTo("w.jar");
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar=w.jar"})).isEqualTo("w.jar");
        assertThatThrownBy(() -> DevMode.workerJarArgument(new String[] {"--verbose"}))
                .hasMessageContaining("--verbose");
    }

    @Test
    void findsTheWorkerJarFromTheRepositoryRootAndBelowIt(@TempDir Path repository) throws Exception {
        Path jar = repository.resolve("worker/target/grizz-worker.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        Path compose = Files.createDirectories(repository.resolve("compose/target"));

        assertThat(WorkerJar.locate(null, repository)).isEqualTo(jar);
        assertThat(WorkerJar.locate(null, compose)).isEqualTo(jar);
        assertThat(WorkerJar.locate(Path.of("../../worker/target/grizz-worker.jar"), compose)).isEqualTo(jar);
    }

    @Test
    void saysHowToBuildAMissingWorkerJar(@TempDir Path empty) {
        assertThatThrownBy(() -> WorkerJar.locate(null, empty)).hasMessageContaining("./mvnw -DskipTests package");
        assertThatThrownBy(() -> WorkerJar.locate(Path.of("nope.jar"), empty)).hasMessageContaining("no such file");
    }

    @Test
    void aTakenPortIsNamedWithTheVariableThatMovesItBeforeAnythingStarts() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", Integer.toString(port))))
                    .hasMessageContaining("port " + port + " is already in use").hasMessageContaining("set SERVER_PORT");
            assertThatThrownBy(() -> DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", "0",
                    "MANAGEMENT_SERVER_PORT", Integer.toString(port)))).hasMessageContaining("set MANAGEMENT_SERVER_PORT");
        }
        DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", "0"));
        assertThatThrownBy(() -> DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", "eighty")))
                .hasMessageContaining("SERVER_PORT=eighty");
    }
}
