package io.grizz.worker.ingest;

import io.grizz.contracts.Wire;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest role beyond those every role shares ({@code GrizzProperties}), each declared, defaulted and
 * constrained here only (see {@code GrizzProperties}); a number mapped from a variable is boxed, so that an unset
 * {@code ${VAR:}}, empty text, binds to the default.
 *
 * @param deadLetterRetention    {@code GRIZZ_DLT_RETENTION}: retention of a dead-letter topic the worker creates
 * @param deadLetterMaxRequestBytes the largest dead letter the worker tries to send, uncompressed; a larger one is
 *                               sent without its value ({@code dlt-value-omitted})
 * @param stallThreshold         a consumer that has not finished a poll for this long is stalled: readiness DOWN
 * @param startWindow            an instance whose consumers have not begun this long after its start (waiting
 *                               for its topic, a permission) is not ready: readiness DOWN, the log says why
 * @param raceAttempts           attempts of a transaction that loses races with another writer (40001, 40P01)
 * @param raceBaseDelay          the first race retry waits up to this long, each later one up to twice the last
 * @param writeChunkChars        the most characters of content and metadata one write statement carries
 * @param maxBatchDecodedBytes   {@code GRIZZ_MAX_BATCH_DECODED_BYTES}: the most record value bytes, as decoded, one
 *                               poll of one consumer thread hands on; the first record of a poll always comes;
 *                               a budget of nothing would hand on one record a poll
 */
@ConfigurationProperties("grizz.ingest")
public record IngestProperties(
        @DefaultValue("30d") Duration deadLetterRetention,
        @DefaultValue("" + Wire.MAX_RECORD_BYTES) int deadLetterMaxRequestBytes,
        @DefaultValue("10s") Duration stallThreshold,
        @DefaultValue(IngestProperties.DEFAULT_START_WINDOW) Duration startWindow,
        @DefaultValue("5") int raceAttempts,
        @DefaultValue("20ms") Duration raceBaseDelay,
        @DefaultValue("33554432") long writeChunkChars,

        @DefaultValue("8388608") @Positive(message = "must be at least 1")
        Long maxBatchDecodedBytes) {

    /** docs/contract.md §7: not consuming within 60 s of its start, an ingest instance is not ready. */
    public static final String DEFAULT_START_WINDOW = "60s";
}
