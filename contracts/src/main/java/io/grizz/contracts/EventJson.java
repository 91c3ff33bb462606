package io.grizz.contracts;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of this module, configured for untrusted input. Mappers are
 * thread-safe and costly to build, so every decoder and encoder shares this one.
 */
final class EventJson {

    /**
     * <ul>
     * <li>Duplicate names are rejected: "last one wins" would let two readers of the same
     *     record see different events.</li>
     * <li>Trailing tokens after the object are rejected (explicit, although the Jackson 3
     *     default).</li>
     * <li>Floats are read as {@code BigDecimal} with their scale kept, so numbers inside
     *     {@code metadata} reach {@code jsonb} with their exact value instead of a rounded
     *     {@code double} (or {@code Infinity}, which is not JSON).</li>
     * <li>No limit on string length: a content over the size limit must be reported as
     *     {@code too_large}, not as {@code malformed} by a parser limit. The record's size
     *     is already bounded by the consumer's fetch size.</li>
     * </ul>
     * Jackson's nesting-depth limit (500) stays: deeper documents are reported as malformed.
     */
    static final JsonMapper MAPPER =
            configured().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * {@link #MAPPER} without Jackson's duplicate detection, for the decoder's one streaming pass over each record,
     * which refuses duplicate names itself ({@link DuplicateNames}) and must not be given a parser without it.
     */
    static final JsonMapper DECODING = configured().build();

    private static JsonMapper.Builder configured() {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxStringLength(Integer.MAX_VALUE)
                                .build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    private EventJson() {}
}
