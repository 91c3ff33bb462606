package io.grizz.worker.store;

import io.grizz.worker.batch.Entry;
import java.sql.SQLException;
import java.util.List;

/**
 * Where a batch's valid entries are written. {@link MessageStore} is the one implementation;
 * the interface is the seam the listener's routing is tested through.
 */
public interface BatchStore {

    /**
     * Settles every entry as applied, a no-op, replayed or rejected, and commits; or throws, having
     * committed nothing, when the batch cannot be written now (an outage, or races lost every time).
     */
    void write(List<Entry> entries) throws SQLException;
}
