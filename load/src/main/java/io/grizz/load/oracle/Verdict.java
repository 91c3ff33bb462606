package io.grizz.load.oracle;

import java.util.List;

/**
 * The oracle's judgement of a run, as in Kafka's own system tests: nothing missing, nothing stale.
 *
 * @param messages   messages the run wrote
 * @param visible    those whose final write is visible: the right revision, deleted exactly when it should be
 * @param lost       those with no row at all
 * @param stale      those whose row is at an older revision than the last one sent
 * @param mismatched those whose row is at another state than any the run sent (a higher revision, or a delete
 *                   flag that does not match): not a lag but a wrong write
 * @param samples    the first findings of each kind, to start debugging from
 */
public record Verdict(int messages, int visible, int lost, int stale, int mismatched, List<Finding> samples) {

    public boolean passed() {
        return lost == 0 && stale == 0 && mismatched == 0 && visible == messages;
    }
}
