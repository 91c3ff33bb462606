package io.grizz.worker.api.web;

import io.grizz.contracts.CanonicalUuid;
import java.beans.PropertyEditorSupport;
import java.util.UUID;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids in paths are canonical UUID text only (8-4-4-4-12 hex, any letter case), as the event
 * decoder reads them; anything else is a 400. An editor, not a {@code Converter}: when a converter
 * refuses a value, Spring falls back to its default {@code UUIDEditor}, which takes
 * {@code 1-1-1-1-1} for {@code 00000001-0001-0001-0001-000000000001}.
 */
@ControllerAdvice
class StrictUuidBinding {

    @InitBinder
    void strictUuids(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new CanonicalUuidEditor());
    }

    private static final class CanonicalUuidEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            UUID id = CanonicalUuid.parseOrNull(text);
            if (id == null) {
                throw new IllegalArgumentException("not a UUID");
            }
            setValue(id);
        }
    }
}
