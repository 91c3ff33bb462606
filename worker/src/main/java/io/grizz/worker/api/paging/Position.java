package io.grizz.worker.api.paging;

import java.time.Instant;
import java.util.UUID;

/**
 * A place in a keyset-ordered list: the sort timestamp and id of the last row a page returned.
 * The next page starts strictly after it, so rows are neither skipped nor repeated, and the query
 * stays an index range scan however deep the page (no OFFSET).
 */
public record Position(Instant at, UUID id) {}
