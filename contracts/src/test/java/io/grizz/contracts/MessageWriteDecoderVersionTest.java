package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.decode;
import static io.grizz.contracts.RejectionReason.SCHEMA_VIOLATION;
import static io.grizz.contracts.RejectionReason.UNSUPPORTED_VERSION;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderVersionTest {

    @Test
    void missingSchemaVersionIsSchemaViolation() {
        ObjectNode event = Events.created();
        event.remove("schema_version");
        assertRejected(decode(event), SCHEMA_VIOLATION, "schema_version is missing");
    }

    @Test
    void nullSchemaVersionIsSchemaViolation() {
        ObjectNode event = Events.created();
        event.putNull("schema_version");
        assertRejected(decode(event), SCHEMA_VIOLATION, "schema_version is null");
    }

    @Test
    void stringSchemaVersionIsSchemaViolation() {
        ObjectNode event = Events.created();
        event.put("schema_version", "1");
        assertRejected(decode(event), SCHEMA_VIOLATION, "schema_version must be an integer");
    }

    @Test
    void fractionalSchemaVersionIsSchemaViolation() {
        ObjectNode event = Events.created();
        event.put("schema_version", new BigDecimal("1.0"));
        assertRejected(decode(event), SCHEMA_VIOLATION, "schema_version must be an integer");
    }

    @ParameterizedTest(name = "schema_version {0} is unsupported_version")
    @ValueSource(ints = {2, 0, -1, Integer.MAX_VALUE})
    void otherIntegerSchemaVersionIsUnsupported(int version) {
        ObjectNode event = Events.created();
        event.put("schema_version", version);
        assertRejected(decode(event), UNSUPPORTED_VERSION, "schema_version " + version + " is not supported");
    }

    @Test
    void schemaVersionBeyondLongRangeIsUnsupported() {
        ObjectNode event = Events.created();
        event.put("schema_version", new BigInteger("123456789012345678901234567890"));
        assertRejected(decode(event), UNSUPPORTED_VERSION, "schema_version is not supported");
    }

    @Test
    void unsupportedVersionIsDecidedBeforeAnyOtherFieldIsLookedAt() {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("schema_version", 2);
        event.put("whatever", "a future shape");
        assertRejected(decode(event), UNSUPPORTED_VERSION, "schema_version 2");
    }
}
