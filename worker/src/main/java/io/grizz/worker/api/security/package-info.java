/**
 * What is reachable, and by whom: the one security filter chain of every role, how a bearer token
 * is verified and what it must claim, and the {@link io.grizz.worker.api.security.Reader} it stands for.
 * Its problems (401, and 404 for what is closed) are written here, in the filter chain, before Spring MVC.
 */
package io.grizz.worker.api.security;
