/**
 * The read API's endpoints: the controllers and their one access rule ({@code Access}), the limit
 * and cursor of every list ({@link io.grizz.worker.api.web.Pager}), strict UUIDs in paths, and
 * every error as an RFC 9457 problem.
 */
package io.grizz.worker.api.web;
