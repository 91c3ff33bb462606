package io.grizz.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.config.DocumentedVariables.Default;
import io.grizz.worker.support.WorkerSettingsEnvironment;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * docs/contract.md §6 against what the worker reads, so that neither drifts from the other: every documented
 * variable is mapped in application.yml (or read elsewhere, on purpose: {@link #NOT_IN_APPLICATION_YML}), every
 * variable application.yml reads is documented, and every documented default is the one the worker has when
 * nothing is set, as its records and application.yml bind it. Each failure names the variable.
 */
class ConfigurationDocsTest {

    /** Documented variables application.yml does not map, each with the property it sets: all by relaxed binding. */
    private static final Map<String, String> NOT_IN_APPLICATION_YML = Map.of(
            // GrizzProperties' own names: relaxed binding maps GRIZZ_ROLES onto grizz.roles, a mapping would repeat it
            "GRIZZ_ROLES", "grizz.roles",
            "GRIZZ_TOPIC", "grizz.topic",
            // Spring Boot's own setting, documented because it moves /actuator off the API's port
            "MANAGEMENT_SERVER_PORT", "management.server.port");

    private static final Pattern YML_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private static final Map<String, Default> DOCUMENTED = DocumentedVariables.ofContract();

    /** Property → variable, as application.yml maps them (the worker's own reading of it: SettingVariables). */
    private static final Map<String, String> MAPPED = SettingVariables.load("application.yml");

    @Test
    void everyDocumentedVariableIsMappedInApplicationYmlOrReadElsewhereOnPurpose() {
        List<String> drift = new ArrayList<>();
        for (String variable : DOCUMENTED.keySet()) {
            if (properties(variable).isEmpty()) {
                drift.add(variable + " is documented in docs/contract.md §6, but application.yml maps it onto no "
                        + "property and it is not one of NOT_IN_APPLICATION_YML");
            }
        }
        NOT_IN_APPLICATION_YML.forEach((variable, property) -> {
            if (!SettingVariables.variable(property).equals(variable)) {
                drift.add(variable + " is not the name relaxed binding maps onto " + property);
            }
            if (MAPPED.containsValue(variable)) {
                drift.add(variable + " is mapped in application.yml after all: drop it from NOT_IN_APPLICATION_YML");
            }
        });
        assertThat(drift).as("docs/contract.md §6 against application.yml").isEmpty();
    }

    @Test
    void everyVariableApplicationYmlReadsIsDocumented() throws IOException {
        Set<String> undocumented = new TreeSet<>();
        String yml = new ClassPathResource("application.yml").getContentAsString(StandardCharsets.UTF_8);
        for (String line : yml.lines().toList()) {
            // the values, not the comments, which may well speak of ${VAR:}
            Matcher variable = YML_VARIABLE.matcher(line.replaceFirst("(^|\\s)#.*$", ""));
            while (variable.find()) {
                if (!DOCUMENTED.containsKey(variable.group(1))) {
                    undocumented.add(variable.group(1));
                }
            }
        }
        assertThat(undocumented)
                .as("variables application.yml reads that docs/contract.md §6 does not document")
                .isEmpty();
    }

    @Test
    void everyDocumentedDefaultIsTheWorkersDefault() {
        List<String> drift = new ArrayList<>();
        DOCUMENTED.forEach((variable, documented) -> {
            for (String property : properties(variable)) {
                Object unset = effective(property, Map.of());
                if (documented.isLiteral()) {
                    // set to the documented default, the variable must change nothing: types compare, not spellings
                    Object set = effective(
                            property, Map.of(variable, documented.value().orElseThrow()));
                    if (!Objects.equals(unset, set)) {
                        drift.add(variable + " (" + property + "): documented default '"
                                + documented.value().get() + "', but unset it is '" + unset + "'");
                    }
                } else if (unset != null && !unset.toString().isEmpty()) {
                    drift.add(variable + " (" + property + "): documented without a value of its own ("
                            + documented.value().orElse("—") + "), but unset it is '" + unset + "'");
                }
            }
        });
        assertThat(drift)
                .as("docs/contract.md §6 defaults against the worker's")
                .isEmpty();
    }

    @Test
    void theReadmesTableSaysWhatTheContractSays() {
        Map<String, Default> readme = DocumentedVariables.of(
                DocumentedVariables.REPOSITORY.resolve("README.md"), "## Configuration at a glance");
        List<String> drift = new ArrayList<>();
        readme.forEach((variable, documented) -> {
            if (!DOCUMENTED.containsKey(variable)) {
                drift.add(variable + " is in the README's table but not in docs/contract.md §6");
            } else if (!DOCUMENTED.get(variable).equals(documented)) {
                drift.add(variable + ": the README's default is "
                        + documented.value().orElse("—") + ", docs/contract.md §6's "
                        + DOCUMENTED.get(variable).value().orElse("—"));
            }
        });
        assertThat(drift)
                .as("README, Configuration at a glance, against docs/contract.md §6")
                .isEmpty();
    }

    /** The properties a variable sets: those application.yml maps it onto, else the one relaxed binding does. */
    private static List<String> properties(String variable) {
        List<String> properties = new ArrayList<>();
        MAPPED.forEach((property, mapped) -> {
            if (mapped.equals(variable)) {
                properties.add(property);
            }
        });
        if (properties.isEmpty() && NOT_IN_APPLICATION_YML.containsKey(variable)) {
            properties.add(NOT_IN_APPLICATION_YML.get(variable));
        }
        return properties;
    }

    /**
     * What the worker has for a property in a process with just these variables: the record component it binds to,
     * with the record's default, or else the property as application.yml resolves it.
     */
    private static Object effective(String property, Map<String, String> variables) {
        StandardEnvironment environment = WorkerSettingsEnvironment.of(variables);
        for (Class<?> type : DeclaredSettings.RECORDS) {
            String prefix = DeclaredSettings.prefixOf(type);
            if (!property.startsWith(prefix + ".")) {
                continue;
            }
            String name = property.substring(prefix.length() + 1);
            for (RecordComponent component : type.getRecordComponents()) {
                if (DataObjectPropertyName.toDashedForm(component.getName()).equals(name)) {
                    Object bound = Binder.get(environment).bindOrCreate(prefix, type);
                    try {
                        return component.getAccessor().invoke(bound);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return environment.getProperty(property);
    }
}
