package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalServersTest {

    @Test
    void readsTheSpecVariablesWithTheirDefaults() {
        ExternalServers servers = ExternalServers.fromEnvironment(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "kafka:9092",
                        "DATABASE_URL",
                        "jdbc:postgresql://pgbouncer:6432/grizz",
                        "DATABASE_USERNAME",
                        "grizz"),
                true);
        assertThat(servers.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(servers.database()).isEqualTo(new Database("jdbc:postgresql://pgbouncer:6432/grizz", "grizz", ""));
        assertThat(servers.topic()).isEqualTo("message-writes.v1");
        assertThat(servers.consumerGroup()).isEqualTo("grizz-persist");
    }

    @Test
    void namesEveryMissingVariable() {
        assertThatThrownBy(() -> ExternalServers.fromEnvironment(Map.of("GRIZZ_TOPIC", "t"), true))
                .hasMessageContaining("DATABASE_URL, DATABASE_USERNAME, KAFKA_BOOTSTRAP_SERVERS");
        assertThat(ExternalServers.fromEnvironment(
                                Map.of("DATABASE_URL", "jdbc:postgresql://h/d", "DATABASE_USERNAME", "u"), false)
                        .bootstrapServers())
                .isNull();
    }

    @Test
    void eitherAddressMeansExternal() {
        assertThat(ExternalServers.configured(Map.of("DATABASE_URL", "x"))).isTrue();
        assertThat(ExternalServers.configured(Map.of("KAFKA_BOOTSTRAP_SERVERS", "x")))
                .isTrue();
        assertThat(ExternalServers.configured(Map.of("PATH", "/bin"))).isFalse();
    }
}
