package io.grizz.worker.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a nullable enum accept its null. In JSON Schema (OpenAPI 3.1) {@code enum} constrains
 * every value, null included, so {@code type: [string, null]} with {@code enum: [user, …]} still
 * refuses the null role of a tombstone for a message never seen; OpenAPI 3.0.3 says the same of
 * {@code nullable}. The annotations cannot list null among allowable values, so it is added here.
 */
final class NullableFields {

    private NullableFields() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void declare(OpenAPI document) {
        Map<String, Schema> components = document.getComponents().getSchemas();
        if (components == null) {
            return;
        }
        for (Schema<?> component : components.values()) {
            Map<String, Schema> properties = component.getProperties();
            if (properties == null) {
                continue;
            }
            for (Schema property : properties.values()) {
                if (property.getEnum() != null
                        && isNullable(property)
                        && !property.getEnum().contains(null)) {
                    List<Object> values = new ArrayList<>(property.getEnum());
                    values.add(null);
                    property.setEnum(values);
                }
            }
        }
    }

    private static boolean isNullable(Schema<?> property) {
        Set<String> types = property.getTypes();
        return Boolean.TRUE.equals(property.getNullable()) || (types != null && types.contains("null"));
    }
}
