package io.grizz.worker.api;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code DATABASE_READ_URL} holds a URL. Not {@code @ConditionalOnProperty}: that
 * matches the empty text an unset {@code ${DATABASE_READ_URL:}} leaves behind.
 */
class ReadReplicaConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(ReadApiProperties.DATABASE_URL_PROPERTY, "");
        return !url.isBlank();
    }
}
