/** The OpenAPI document of the read API, where it says more than springdoc reads from the endpoints. */
package io.grizz.worker.api.openapi;
