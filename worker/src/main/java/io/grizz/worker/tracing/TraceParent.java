package io.grizz.worker.tracing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record's W3C {@code traceparent} header (https://www.w3.org/TR/trace-context/#traceparent-header):
 * {@code version-traceid-parentid-flags}, lower-case hex. Read here, not by a propagator, because a batch
 * does not continue one trace: it links the context of each of its records, and a link needs only the ids.
 *
 * @param traceId  32 hex digits, not all zero
 * @param spanId   16 hex digits, not all zero
 * @param sampled  the {@code sampled} flag
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    public static final String HEADER = "traceparent";

    /** The record's {@code traceparent}, when it has one that is well formed; a bad one is ignored, as W3C says. */
    public static Optional<TraceParent> of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null ? Optional.empty() : parse(new String(header.value(), StandardCharsets.US_ASCII));
    }

    static Optional<TraceParent> parse(String value) {
        // version 00 is exactly 55 characters; a later version may append fields after a dash
        if (value.length() < 55 || (value.length() > 55 && value.charAt(55) != '-')) {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        boolean separators = value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-';
        if (!separators
                || !hex(version)
                || version.equals("ff")
                || (version.equals("00") && value.length() != 55)
                || !hex(traceId)
                || !hex(spanId)
                || !hex(flags)
                || zeros(traceId)
                || zeros(spanId)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, spanId, (Integer.parseInt(flags, 16) & 1) == 1));
    }

    /** The header's value for this context. */
    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s) {
        return s.chars().allMatch(c -> c == '0');
    }
}
