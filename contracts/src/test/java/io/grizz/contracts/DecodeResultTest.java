package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodeResultTest {

    @Test
    void validResultGivesItsEventAndRefusesARejection() {
        MessageWrite event = Events.valid(Events.decode(Events.created()));
        DecodeResult result = DecodeResult.valid(event);

        assertThat(result.isValid()).isTrue();
        assertThat(result.event()).isSameAs(event);
        assertThatThrownBy(result::rejection).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectedResultGivesItsRejectionAndRefusesAnEvent() {
        Rejection rejection = new Rejection(RejectionReason.OWNER_MISMATCH, "user_id differs from the owner");
        DecodeResult result = DecodeResult.rejected(rejection);

        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection()).isSameAs(rejection);
        assertThatThrownBy(result::event)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OWNER_MISMATCH");
    }
}
