/**
 * The local stack: a real Kafka broker (KRaft, in a child JVM), or a cluster of several, and a real PostgreSQL,
 * optionally PgBouncer in front, each on free loopback ports with a working directory of its own, which tests stop,
 * crash and restart ({@link io.grizz.compose.server.KafkaBroker}, {@link io.grizz.compose.server.KafkaCluster},
 * {@link io.grizz.compose.server.PostgresServer},
 * {@link io.grizz.compose.server.PgBouncer}; both servers at once: {@link io.grizz.compose.server.LocalStack}).
 * Also topics and databases on any Kafka or PostgreSQL ({@link io.grizz.compose.server.KafkaTopics},
 * {@link io.grizz.compose.server.PostgresDatabases}) and a throw-away SSL certificate.
 *
 * <p>Used by dev mode, the test stacks ({@code io.grizz.compose.testkit}), the load harness and the worker's fault
 * tests. Builds on {@code io.grizz.compose.process}.
 */
package io.grizz.compose.server;
