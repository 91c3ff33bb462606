package io.grizz.worker.config;

import io.grizz.worker.api.ReadApiProperties;
import io.grizz.worker.ingest.IngestProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.Environment;

/**
 * The worker's {@code @ConfigurationProperties} records, bound and validated as Spring Boot will bind their beans,
 * but before any bean exists and all at once: every value that does not convert and every constraint a value breaks,
 * in every record, each named by its variable ({@link SettingVariables}). A bean binding stops at the first failure
 * of the first record, minutes later for a role's bean; an operator should read the whole list at once.
 */
final class DeclaredSettings {

    /** Every record of settings; each declares its prefix, its defaults and its constraints. */
    static final List<Class<?>> RECORDS =
            List.of(GrizzProperties.class, IngestProperties.class, ReadApiProperties.class);

    private final Map<Class<?>, Object> bound = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private DeclaredSettings() {}

    static DeclaredSettings check(Environment environment) {
        DeclaredSettings settings = new DeclaredSettings();
        Binder binder = Binder.get(environment);
        try (ValidatorFactory factory = quickFactory()) {
            Validator validator = factory.getValidator();
            for (Class<?> type : RECORDS) {
                settings.bindAndValidate(environment, binder, validator, type);
            }
        }
        return settings;
    }

    /**
     * A validator that starts quickly, for this one check at start-up (Spring builds its own for the beans): no
     * {@code validation.xml} to look for, and messages interpolated from the constraints' parameters only, without
     * the expression language, whose start-up was most of the half second this check first added to the worker's.
     */
    private static ValidatorFactory quickFactory() {
        return Validation.byDefaultProvider()
                .configure()
                .ignoreXmlConfiguration()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    /** The record as bound, a value that did not convert replaced by its default. */
    <T> T get(Class<T> type) {
        return type.cast(bound.get(type));
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    static String prefixOf(Class<?> type) {
        return MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
    }

    private void bindAndValidate(Environment environment, Binder binder, Validator validator, Class<?> type) {
        String prefix = prefixOf(type);
        Object settings = binder.bindOrCreate(prefix, Bindable.of(type), new Collecting());
        bound.put(type, settings);
        // sorted, and once each: a record component's constraint sits on its field and its accessor alike
        Set<String> broken = new TreeSet<>();
        for (ConstraintViolation<Object> violation : validator.validate(settings)) {
            String component = violation.getPropertyPath().toString();
            String property = prefix + "." + DataObjectPropertyName.toDashedForm(component);
            // as it was set (0s), not as it was bound (PT0S)
            Object value = environment.getProperty(property, Object.class, violation.getInvalidValue());
            broken.add(SettingVariables.describe(property) + ": '" + value + "' " + violation.getMessage());
        }
        problems.addAll(broken);
    }

    /** What a value that did not convert should have been, in the words of docs/contract.md §6. */
    private static String expected(Class<?> type) {
        if (Duration.class.equals(type)) {
            return "a duration (e.g. 5s, 500ms)";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a whole number";
        }
        return "a " + type.getSimpleName();
    }

    /** Records a value that does not convert and binds the default instead, so that binding goes on. */
    private final class Collecting implements BindHandler {

        @Override
        public Object onFailure(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error) {
            problems.add(SettingVariables.describe(name.toString()) + ": '" + valueOf(error, context) + "' is not "
                    + expected(target.getType().resolve(Object.class)));
            return null;
        }
    }

    /** The value as set: the conversion's source, with any placeholder resolved. */
    private static Object valueOf(Exception error, BindContext context) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConversionFailedException failed) {
                return failed.getValue();
            }
        }
        return context.getConfigurationProperty() == null
                ? "?"
                : context.getConfigurationProperty().getValue();
    }
}
