package io.grizz.worker.api.web;

import io.grizz.worker.api.paging.CursorCodec;
import io.grizz.worker.api.paging.Page;
import io.grizz.worker.api.paging.Position;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging for every list endpoint: checks {@code limit}, reads {@code cursor} back into a
 * {@link Position}, and cuts the page with the cursor of the next one.
 *
 * <p>A list is named by a string (e.g. {@code messages:<conversation id>}) that the cursor is
 * signed for, so a cursor works only on the list that issued it.
 */
public class Pager {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final CursorCodec cursors;

    public Pager(CursorCodec cursors) {
        this.cursors = cursors;
    }

    public int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /** Where the page starts: the beginning without a cursor, else after the cursor's position. */
    public Optional<Position> start(String list, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cursors.decode(list, cursor)
                .orElseThrow(() -> Problems.badRequest("cursor is malformed, altered, or from another list")));
    }

    /** Rows to fetch for a page of {@code limit}: one more, to learn whether another page follows. */
    public int rowsToFetch(int limit) {
        return limit + 1;
    }

    public <T> Page<T> page(String list, List<T> fetched, int limit, Function<T, Position> positionOf) {
        return Page.of(fetched, limit, last -> cursors.encode(list, positionOf.apply(last)));
    }
}
