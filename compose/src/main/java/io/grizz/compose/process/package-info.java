/**
 * Processes this JVM owns: a child process in its own session with an orphan watchdog that stops it should this
 * JVM die ({@link io.grizz.compose.process.ChildProcess}), the one exit hook that closes what is still open, newest
 * first ({@link io.grizz.compose.process.ExitCleanup}), the command line of a child JVM ({@link
 * io.grizz.compose.process.ChildJvm}), free loopback ports, and the worker's jar run as a child process with its
 * typed environment ({@link io.grizz.compose.process.WorkerJar}, {@link io.grizz.compose.process.WorkerJarProcess},
 * {@link io.grizz.compose.process.WorkerEnvironment}).
 *
 * <p>Used by the servers ({@code io.grizz.compose.server}), dev mode, the test stacks, the load harness and the
 * worker's process tests. Depends on nothing else in this module.
 */
package io.grizz.compose.process;
