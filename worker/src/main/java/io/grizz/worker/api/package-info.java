/**
 * The read-api role (docs/contract.md §5): {@link io.grizz.worker.api.ReadApiProperties} holds its
 * settings, {@link io.grizz.worker.api.ReadApiConfiguration} wires the pieces of the packages below.
 * <ul>
 * <li>{@code web}: the endpoints under {@code /v1}, their parameters and problems.</li>
 * <li>{@code security}: the one security filter chain, the bearer token's rules, and who it stands for.</li>
 * <li>{@code paging}: keyset positions, the signed cursors that carry them, the page they cut.</li>
 * <li>{@code query}: the SQL, on a pool of its own under a statement timeout, and the schema it needs.</li>
 * <li>{@code replica}: how far behind its primary the read database is; the wait for a revision on a
 * replica.</li>
 * <li>{@code openapi}: what {@code /v3/api-docs} says beyond what springdoc reads from the endpoints.</li>
 * </ul>
 * {@code web} uses {@code security}, {@code query}, {@code paging} and {@code replica}; {@code query} uses
 * {@code paging}; {@code security} and {@code paging} read the settings here; nothing but this package uses
 * {@code web}.
 */
package io.grizz.worker.api;
