package io.grizz.worker.redrive;

import io.grizz.contracts.RejectionReason;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dead letters a redrive takes: by reason code and by DLT position (one partition or all,
 * offsets {@code from..to}, both inclusive). Offsets are those of the dead-letter topic — what
 * the dry run prints — not of the source topic.
 *
 * @param reasons   {@code dlt-reason} codes to take; empty takes every reason
 * @param partition the one DLT partition to read, or null for all
 * @param from      first offset to take (inclusive), or null for the beginning
 * @param to        last offset to take (inclusive), or null for the end at start-up
 */
record RedriveFilter(Set<String> reasons, Integer partition, Long from, Long to) {

    static final Set<String> KNOWN_REASONS =
            Arrays.stream(RejectionReason.values()).map(RejectionReason::code).collect(Collectors.toUnmodifiableSet());

    /**
     * @throws IllegalArgumentException for an unknown reason code (a typo would otherwise match
     *                                  nothing and look like an empty DLT) or an empty range
     */
    RedriveFilter {
        reasons = Set.copyOf(reasons);
        List<String> unknown = reasons.stream()
                .filter(r -> !KNOWN_REASONS.contains(r))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown reason " + String.join(", ", unknown) + " (known: "
                    + KNOWN_REASONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("--partition must be 0 or more");
        }
        if ((from != null && from < 0) || (to != null && to < 0)) {
            throw new IllegalArgumentException("offsets must be 0 or more");
        }
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("--from-offset " + from + " is after --to-offset " + to);
        }
    }

    static RedriveFilter all() {
        return new RedriveFilter(Set.of(), null, null, null);
    }

    boolean includesPartition(int candidate) {
        return partition == null || partition == candidate;
    }

    /** Where reading a partition starts, given the first offset the broker still has. */
    long startOffset(long beginning) {
        return from == null ? beginning : Math.max(beginning, from);
    }

    /** Where reading a partition stops (exclusive), given its end offset when the redrive started. */
    long stopOffset(long end) {
        return to == null ? end : Math.min(end, to + 1);
    }

    boolean accepts(DeadLetter letter) {
        return includesPartition(letter.partition())
                && (from == null || letter.offset() >= from)
                && (to == null || letter.offset() <= to)
                && (reasons.isEmpty() || reasons.contains(letter.reason()));
    }
}
