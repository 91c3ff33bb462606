package io.grizz.worker.api.web;

import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A controller of the read API: JSON under {@code /v1}, registered only with the read-api role. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@ConditionalOnRole(WorkerRole.READ_API)
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@interface ReadApiController {}
