/**
 * Dev mode ({@code java -jar compose/target/grizz-compose-dev.jar}, main class
 * {@link io.grizz.compose.dev.DevMode}): the local stack and the worker against it, and the read-API tokens it
 * prints ({@link io.grizz.compose.dev.ReadApiToken}, which the worker's read-API tests issue too).
 */
package io.grizz.compose.dev;
