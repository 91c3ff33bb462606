package io.grizz.load.workload;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Version-4 UUIDs from a given generator: {@link UUID#randomUUID()} draws from one shared {@code SecureRandom},
 * which two hundred writer threads would queue on.
 */
final class RandomUuids {

    private RandomUuids() {}

    static UUID next(RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
