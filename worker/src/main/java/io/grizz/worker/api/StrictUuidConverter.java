package io.grizz.worker.api;

import io.grizz.contracts.CanonicalUuid;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;

/**
 * Reads a path or query id as a canonical UUID (8-4-4-4-12 hex, any letter case), as the event
 * decoder does. A text that is no such UUID fails the conversion, which Spring MVC answers 400.
 */
class StrictUuidConverter implements Converter<String, UUID> {

    @Override
    public UUID convert(String source) {
        UUID id = CanonicalUuid.parseOrNull(source);
        if (id == null) {
            throw new IllegalArgumentException("not a UUID");
        }
        return id;
    }
}
