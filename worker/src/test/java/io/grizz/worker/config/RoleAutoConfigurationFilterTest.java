package io.grizz.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RoleAutoConfigurationFilterTest {

    private static final String[] CANDIDATES = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration",
        null
    };

    @Test
    void bothRolesKeepEverything() {
        assertThat(match("ingest,read-api")).containsExactly(true, true, true, true, true, true, true, true);
    }

    @Test
    void withoutIngestNoKafkaNoFlywayAndNoMainPool() {
        assertThat(match("read-api")).containsExactly(false, false, true, true, false, false, true, true);
    }

    @Test
    void withoutReadApiNoResourceServerNoOpenApiButStillSpringSecurity() {
        // docs/contract.md §7 (revised): one security chain in every role; only the token verification goes
        assertThat(match("ingest")).containsExactly(true, true, true, false, true, true, false, true);
    }

    @Test
    void anUnreadableRoleListKeepsEverythingForRequiredSettingsToReport() {
        assertThat(match("bogus")).containsExactly(true, true, true, true, true, true, true, true);
    }

    private static boolean[] match(String roles) {
        RoleAutoConfigurationFilter filter = new RoleAutoConfigurationFilter();
        filter.setEnvironment(new MockEnvironment().withProperty("grizz.roles", roles));
        return filter.match(CANDIDATES, null);
    }
}
