package io.grizz.compose.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The images of the Testcontainers stack: the official ones by default, others by property or variable. */
class ContainersTestStackTest {

    @Test
    void theOfficialImagesByDefault() {
        assertThat(ContainersTestStack.kafkaImage(Map.of()).asCanonicalNameString())
                .isEqualTo("apache/kafka:4.1.2");
        assertThat(ContainersTestStack.postgresImage(Map.of()).asCanonicalNameString())
                .isEqualTo("postgres:17");
    }

    @Test
    void anEnvironmentVariableNamesAnotherImageThatStandsInForTheOfficialOne() {
        Map<String, String> env = Map.of(
                "GRIZZ_TEST_KAFKA_IMAGE",
                "grizz-offline/kafka:abc",
                "GRIZZ_TEST_POSTGRES_IMAGE",
                " grizz-offline/services:def ");
        assertThat(ContainersTestStack.kafkaImage(env).asCanonicalNameString()).isEqualTo("grizz-offline/kafka:abc");
        assertThat(ContainersTestStack.kafkaImage(env)
                        .isCompatibleWith(org.testcontainers.utility.DockerImageName.parse("apache/kafka")))
                .isTrue();
        assertThat(ContainersTestStack.postgresImage(env).asCanonicalNameString())
                .isEqualTo("grizz-offline/services:def");
        assertThat(ContainersTestStack.postgresImage(env)
                        .isCompatibleWith(org.testcontainers.utility.DockerImageName.parse("postgres")))
                .isTrue();
    }

    @Test
    void theSystemPropertyWinsOverTheVariable() {
        String before = System.getProperty(ContainersTestStack.KAFKA_IMAGE_PROPERTY);
        System.setProperty(ContainersTestStack.KAFKA_IMAGE_PROPERTY, "example/kafka:1");
        try {
            assertThat(ContainersTestStack.kafkaImage(Map.of("GRIZZ_TEST_KAFKA_IMAGE", "other/kafka:2"))
                            .asCanonicalNameString())
                    .isEqualTo("example/kafka:1");
        } finally {
            if (before == null) {
                System.clearProperty(ContainersTestStack.KAFKA_IMAGE_PROPERTY);
            } else {
                System.setProperty(ContainersTestStack.KAFKA_IMAGE_PROPERTY, before);
            }
        }
    }
}
