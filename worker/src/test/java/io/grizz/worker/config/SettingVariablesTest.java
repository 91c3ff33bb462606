package io.grizz.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The variables a command without Spring ({@code migrate}) reads the worker's settings by. */
class SettingVariablesTest {

    @Test
    void theMigrateCommandsSettingsAreReadByTheVariablesApplicationYmlMaps() {
        assertThat(SettingVariables.variable(GrizzProperties.POOLER_MODE)).isEqualTo("DATABASE_POOLER_MODE");
        assertThat(SettingVariables.variable("spring.datasource.password")).isEqualTo("DATABASE_PASSWORD");
    }

    @Test
    void aPropertyApplicationYmlDoesNotMapIsReadByItsRelaxedName() {
        assertThat(SettingVariables.variable("grizz.ingest.race-attempts")).isEqualTo("GRIZZ_INGEST_RACEATTEMPTS");
    }
}
