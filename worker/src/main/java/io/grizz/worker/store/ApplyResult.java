package io.grizz.worker.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a batch did in the database, after the commit.
 *
 * @param outcomes one per event, in the order the events were given
 * @param refusals for events refused by the database, the reason it gave (SQLState and its
 *                 primary message, never the row's values)
 * @param written     the message rows written
 * @param persistedAt the transaction's {@code now()}: the {@code persisted_at} of every row written
 */
public record ApplyResult(List<Outcome> outcomes, Map<Integer, String> refusals, List<MessageRow> written,
                          Instant persistedAt) {

    public long count(Outcome outcome) {
        return outcomes.stream().filter(o -> o == outcome).count();
    }
}
