/**
 * Keyset paging: a {@link io.grizz.worker.api.paging.Position} in a list, the signed cursor text
 * that carries it to the next request and back, and the {@link io.grizz.worker.api.paging.Page} it cuts.
 */
package io.grizz.worker.api.paging;
