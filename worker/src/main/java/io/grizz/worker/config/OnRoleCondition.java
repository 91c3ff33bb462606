package io.grizz.worker.config;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Reads {@code grizz.roles} (from {@code GRIZZ_ROLES}) for {@link ConditionalOnRole}. */
class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        WorkerRole wanted = (WorkerRole) attributes.get("value");
        return GrizzProperties.bind(context.getEnvironment()).roleSet().contains(wanted);
    }
}
