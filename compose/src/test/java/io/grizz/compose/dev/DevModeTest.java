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
    void readsTheBrokerCountInBothFormsAndRefusesNonsense() {
        assertThat(DevMode.arguments(new String[] {}).brokers()).isEqualTo(1);
        assertThat(DevMode.arguments(new String[] {"--brokers", "3"})).isEqualTo(new DevMode.Arguments(null, 3, false));
        assertThat(DevMode.arguments(new String[] {"--worker-jar=w.jar", "--brokers=3"}))
                .isEqualTo(new DevMode.Arguments("w.jar", 3, false));
        assertThat(DevMode.arguments(new String[] {"--read-replica", "--brokers", "3"}))
                .isEqualTo(new DevMode.Arguments(null, 3, true));
        assertThatThrownBy(() -> DevMode.arguments(new String[] {"--brokers", "0"}))
                .hasMessageContaining("--brokers must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> DevMode.arguments(new String[] {"--brokers", "three"}))
                .hasMessageContaining("'three'");
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
