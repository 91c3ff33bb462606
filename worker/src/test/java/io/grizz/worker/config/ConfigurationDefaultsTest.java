package io.grizz.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Defaults application.yml must spell again, since YAML cannot name a constant: the same as the code's. */
class ConfigurationDefaultsTest {

    @Test
    void theConsumerGroupsDefaultIsWires() throws IOException {
        assertThat(property("spring", "kafka", "consumer", "group-id"))
                .isEqualTo("${GRIZZ_CONSUMER_GROUP:" + Wire.DEFAULT_CONSUMER_GROUP + "}");
    }

    @SuppressWarnings("unchecked")
    private static Object property(String... path) throws IOException {
        try (InputStream in = ConfigurationDefaultsTest.class.getResourceAsStream("/application.yml")) {
            Object node = new Yaml().load(in);
            for (String key : path) {
                node = ((Map<String, Object>) node).get(key);
            }
            return node;
        }
    }
}
