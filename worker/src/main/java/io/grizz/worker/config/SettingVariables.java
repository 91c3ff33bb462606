package io.grizz.worker.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The environment variable that sets a property, as docs/contract.md §6 names it, so that a refused setting is
 * reported by the name an operator set: the variable {@code application.yml} maps onto the property
 * ({@code DATABASE_POOLER_MODE} for {@code grizz.pooler-mode}), else the one relaxed binding maps
 * ({@code GRIZZ_ROLES} for {@code grizz.roles}). Read from {@code application.yml} itself, which stays the one
 * place a variable is mapped.
 *
 * <p>Also how a command that runs without Spring ({@code migrate}) reads one of the worker's settings: by the
 * variable this mapping names, not by a name of its own.
 */
public final class SettingVariables {

    /** {@code ${VARIABLE}} or {@code ${VARIABLE:fallback}}, the whole value: a mapping, not a composed text. */
    private static final Pattern MAPPING = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private static final Map<String, String> MAPPED = load("application.yml");

    private SettingVariables() {}

    /** {@code READ_API_POOL_SIZE (grizz.read-api.pool-size)}: both names, for a message about the setting. */
    static String describe(String property) {
        return variable(property) + " (" + property + ")";
    }

    static String variable(String property) {
        String mapped = MAPPED.get(property);
        // relaxed binding: dots are underscores and dashes are dropped (GRIZZ_INGEST_RACEATTEMPTS)
        return mapped != null
                ? mapped
                : property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    /**
     * The value of the environment variable that sets {@code property}, as the process received it; null when it
     * is not set. For a command that runs before, and without, Spring's environment.
     */
    public static String getenv(String property) {
        return System.getenv(variable(property));
    }

    /** Property → variable, of every property of this YAML resource whose value is a single placeholder. */
    static Map<String, String> load(String resource) {
        Map<String, String> mapped = new TreeMap<>();
        try {
            List<PropertySource<?>> sources =
                    new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource));
            for (PropertySource<?> source : sources) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        Matcher mapping = MAPPING.matcher(String.valueOf(enumerable.getProperty(name)));
                        if (mapping.matches()) {
                            mapped.put(name, mapping.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return Map.copyOf(mapped);
    }
}
