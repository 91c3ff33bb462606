package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireNamesTest {

    @ParameterizedTest(name = "{0} round-trips through its wire name")
    @EnumSource(EventType.class)
    void eventTypeRoundTripsThroughItsWireName(EventType type) {
        assertThat(EventType.fromWire(type.wireName())).contains(type);
    }

    @ParameterizedTest(name = "{0} round-trips through its wire name")
    @EnumSource(Role.class)
    void roleRoundTripsThroughItsWireName(Role role) {
        assertThat(Role.fromWire(role.wireName())).contains(role);
    }

    @ParameterizedTest(name = "unknown wire name \"{0}\" is empty")
    @ValueSource(strings = {"", "CREATED", "Message.Created", "user ", "USER", "message.created\n"})
    void unknownWireNamesAreEmpty(String name) {
        assertThat(EventType.fromWire(name)).isEmpty();
        assertThat(Role.fromWire(name)).isEmpty();
    }

    @Test
    void nullWireNameIsEmpty() {
        assertThat(EventType.fromWire(null)).isEmpty();
        assertThat(Role.fromWire(null)).isEmpty();
    }

    @Test
    void rejectionCodesAreExactlyTheDeadLetterCodesOfTheSpec() {
        assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::code))
                .containsExactly(
                        "malformed",
                        "schema_violation",
                        "unsupported_version",
                        "key_mismatch",
                        "owner_mismatch",
                        "too_large",
                        "rejected_by_database");
    }
}
