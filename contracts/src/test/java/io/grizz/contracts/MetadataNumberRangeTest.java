package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.decodeText;
import static io.grizz.contracts.RejectionReason.SCHEMA_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/contract.md §3: a number in metadata whose decimal exponent is beyond ±308 is a schema_violation
 * naming where it is — jsonb stores {@code 1e131071} in a few bytes and prints 131,072 digits.
 */
class MetadataNumberRangeTest {

    /**
     * 4.9e-324 too: a double holds it (subnormal), but its exponent is beyond -308, as docs/contract.md §3 words it.
     */
    @ParameterizedTest(name = "metadata {0} is refused at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"n\":1e131071}|metadata.n",
                "{\"n\":1e309}|metadata.n",
                "{\"n\":-1E+309}|metadata.n",
                "{\"n\":1e-309}|metadata.n",
                "{\"n\":0.1e-308}|metadata.n",
                "{\"n\":10e308}|metadata.n",
                "{\"n\":1e99999999999999999999999}|metadata.n",
                "{\"n\":0e-400}|metadata.n",
                "{\"n\":4.9e-324}|metadata.n",
                "{\"ok\":1,\"a\":{\"b\":[1,2,{\"c\":[true,null,\"x\",5e400]}]}}|metadata.a.b[2].c[3]",
                "{\"list\":[[1],[2e-999]]}|metadata.list[1][0]"
            })
    void aNumberOutsideADoublesRangeIsAViolationNamingItsPath(String metadata, String path) {
        assertRejected(
                decodeText(withMetadata(metadata)),
                SCHEMA_VIOLATION,
                path + " is a number whose decimal exponent is beyond ±308");
    }

    @ParameterizedTest(name = "metadata {0} is accepted as sent")
    @ValueSource(
            strings = {
                "{\"n\":1e308}",
                "{\"n\":-1e-308}",
                "{\"n\":1.7976931348623157e308}",
                "{\"n\":0}",
                "{\"n\":-0.0}",
                "{\"n\":0e308}",
                "{\"n\":123456789012345678901234567890}",
                "{\"n\":0.000000001}",
                "{\"a\":[1e-300,2E+300,-3.5e0]}"
            })
    void numbersWithinRangeAreKeptExactly(String metadata) {
        MessageWrite event = Events.valid(decodeText(withMetadata(metadata)));
        assertThat(event.metadataJson()).isEqualTo(metadata);
    }

    @ParameterizedTest(name = "exponent of {0} is {1}")
    @CsvSource({
        "1e308,308",
        "-1e-308,-308",
        "12345,4",
        "-0.01,-2",
        "0.000,-3",
        "0,0",
        "0e400,400",
        "1.5E+3,3",
        "00.5,-1",
        "9e-0,0"
    })
    void theDecimalExponentIsThatOfTheLeadingDigit(String number, long exponent) {
        char[] text = ("[" + number + "]").toCharArray();
        assertThat(JsonNumberExponent.of(text, 1, number.length())).isEqualTo(exponent);
    }

    private static String withMetadata(String metadata) {
        return Events.createdWithContentMember("\"content\":\"x\"")
                .replace("\"metadata\":{\"source\":\"test\"}", "\"metadata\":" + metadata);
    }
}
