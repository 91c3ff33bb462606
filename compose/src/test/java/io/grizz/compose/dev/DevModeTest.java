package io.grizz.compose.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevModeTest {

    @Test
    void readsTheWorkerJarArgumentInBothForms() {
        assertThat(DevMode.workerJarArgument(new String[] {})).isNull();
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar", "w.jar"}))
                .isEqualTo("w.jar");
        assertThat(DevMode.workerJarArgument(new String[] {"--worker-jar=w.jar"}))
                .isEqualTo("w.jar");
        assertThat(DevMode.workerJarArgument(new String[] {"--read-replica", "--worker-jar=w.jar"}))
                .isEqualTo("w.jar");
        assertThatThrownBy(() -> DevMode.workerJarArgument(new String[] {"--verbose"}))
                .hasMessageContaining("--verbose");
    }

    @Test
    void aTakenPortIsNamedWithTheVariableThatMovesItBeforeAnythingStarts() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", Integer.toString(port))))
                    .hasMessageContaining("port " + port + " is already in use")
                    .hasMessageContaining("set SERVER_PORT");
            assertThatThrownBy(() -> DevMode.checkPortsAreFree(
                            java.util.Map.of("SERVER_PORT", "0", "MANAGEMENT_SERVER_PORT", Integer.toString(port))))
                    .hasMessageContaining("set MANAGEMENT_SERVER_PORT");
        }
        DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", "0"));
        assertThatThrownBy(() -> DevMode.checkPortsAreFree(java.util.Map.of("SERVER_PORT", "eighty")))
                .hasMessageContaining("SERVER_PORT=eighty");
    }
}
