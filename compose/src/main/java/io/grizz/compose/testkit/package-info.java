/**
 * Where integration tests find Kafka and PostgreSQL: {@link io.grizz.compose.testkit.TestStack}, chosen per run by
 * {@link io.grizz.compose.testkit.TestStacks#shared()} among the local stack (default), Testcontainers and servers
 * someone else runs. Used by the worker's tests; the classes behind the interface stay package-private.
 */
package io.grizz.compose.testkit;
