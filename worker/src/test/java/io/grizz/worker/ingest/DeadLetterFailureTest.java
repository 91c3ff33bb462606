package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which refusals of the dead-letter topic are the record's own, and which are outages. */
class DeadLetterFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // the record itself: the broker's limit, the producer's max.request.size and buffer.memory
                Arguments.of(new RecordTooLargeException("MESSAGE_TOO_LARGE"), DeadLetterFailure.RECORD_REFUSED),
                Arguments.of(
                        new RecordTooLargeException("larger than max.request.size"), DeadLetterFailure.RECORD_REFUSED),
                Arguments.of(new RecordBatchTooLargeException("batch too large"), DeadLetterFailure.RECORD_REFUSED),
                Arguments.of(new InvalidRecordException("invalid record"), DeadLetterFailure.RECORD_REFUSED),
                // permission and authentication: an operator fixes them
                Arguments.of(new TopicAuthorizationException("no WRITE"), DeadLetterFailure.NOT_PERMITTED),
                Arguments.of(new ClusterAuthorizationException("no IDEMPOTENT_WRITE"), DeadLetterFailure.NOT_PERMITTED),
                Arguments.of(
                        new SaslAuthenticationException("re-authentication failed"),
                        DeadLetterFailure.NOT_AUTHENTICATED),
                Arguments.of(new SslAuthenticationException("handshake failed"), DeadLetterFailure.NOT_AUTHENTICATED),
                // may pass by itself
                Arguments.of(new TimeoutException("partition 3 not in metadata"), DeadLetterFailure.UNAVAILABLE),
                Arguments.of(new NotLeaderOrFollowerException("moving"), DeadLetterFailure.UNAVAILABLE),
                Arguments.of(new UnknownTopicOrPartitionException("deleted"), DeadLetterFailure.UNAVAILABLE),
                Arguments.of(new CorruptRecordException("CRC"), DeadLetterFailure.UNAVAILABLE),
                // nobody knows: not the record's fault as far as anyone can tell
                Arguments.of(new UnknownServerException("boom"), DeadLetterFailure.UNKNOWN),
                Arguments.of(new InvalidTimestampException("broker clock"), DeadLetterFailure.UNKNOWN),
                Arguments.of(new InvalidConfigurationException("topic config"), DeadLetterFailure.UNKNOWN),
                Arguments.of(new KafkaException("producer closed"), DeadLetterFailure.UNKNOWN),
                Arguments.of(new IllegalStateException("anything"), DeadLetterFailure.UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureHasItsClass(Throwable failure, DeadLetterFailure expected) {
        assertThat(DeadLetterFailure.of(failure)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void onlyTheRecordsOwnRefusalIsNotAnOutage(Throwable failure, DeadLetterFailure expected) {
        assertThat(DeadLetterFailure.of(failure).isOutage()).isEqualTo(expected != DeadLetterFailure.RECORD_REFUSED);
    }
}
