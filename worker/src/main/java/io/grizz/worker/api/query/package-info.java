/**
 * The read API's SQL: the conversation and message reads (each an index range scan), the rows
 * they return as the API shows them, the read statements' pool and timeout, and the check that
 * the database's schema is the version these queries read.
 */
package io.grizz.worker.api.query;
