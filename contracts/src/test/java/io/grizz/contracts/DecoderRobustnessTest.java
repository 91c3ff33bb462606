package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** decode must return a result, never throw, whatever bytes arrive, and be safe to share across threads. */
class DecoderRobustnessTest {

    private static final String JSON_PUNCTUATION = "{}[]\",:0\\-e.\u00ff";

    private final MessageWriteDecoder decoder = new MessageWriteDecoder(64);

    @Test
    void neverThrowsOnRandomMutationsOfValidEvents() {
        Random random = new Random(20240501);
        byte[][] seeds = {Events.bytes(Events.created()), Events.bytes(Events.deleted())};
        for (int i = 0; i < 50_000; i++) {
            byte[] value = mutate(seeds[i % 2], random);
            byte[] key = random.nextInt(10) == 0 ? mutate(Events.key(), random) : Events.key();
            assertThat(decoder.decode(key, value)).isNotNull();
        }
    }

    @Test
    void neverThrowsOnRandomBytes() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] value = new byte[random.nextInt(200)];
            random.nextBytes(value);
            assertThat(decoder.decode(random.nextBoolean() ? null : value, value))
                    .isNotNull();
        }
    }

    @Test
    void deeplyNestedMetadataIsRejectedNotThrown() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String json = Events.created().toString().replace("{\"source\":\"test\"}", deep);
        assertThat(decoder.decode(Events.key(), Events.utf8(json)).isValid()).isFalse();
    }

    @Test
    void givesTheSameResultsFromManyThreadsAtOnce() throws Exception {
        List<byte[]> values = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            values.add(mutate(Events.bytes(Events.created()), random));
        }
        List<String> expected = values.stream()
                .map(v -> decoder.decode(Events.key(), v).toString())
                .toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> values.stream()
                        .map(v -> decoder.decode(Events.key(), v).toString())
                        .toList()));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) JSON_PUNCTUATION.charAt(random.nextInt(JSON_PUNCTUATION.length()));
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }
}
