package io.grizz.worker.store;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

/**
 * The write path's own finding that another writer got in between: a row the batch read as absent was inserted
 * meanwhile, or the upsert's guards refused a message the batch had locked. A type of its own, so the store tells
 * it from what the database raises ({@code MessageStore} counts a batch of creations that meets it as
 * {@code already_stored}); SQLState {@value SqlStates#SERIALIZATION_FAILURE}, so everything that sorts failures by
 * SQLState ({@link SqlStates}, {@link RaceRetry}) treats it as the race it is: retried, never dead-lettered.
 */
final class LostRace extends SQLTransactionRollbackException {

    LostRace(String reason) {
        super(reason, SqlStates.SERIALIZATION_FAILURE);
    }

    LostRace(String reason, SQLException cause) {
        super(reason, SqlStates.SERIALIZATION_FAILURE, cause);
    }
}
