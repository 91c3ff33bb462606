package io.grizz.worker.tracing;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No Prometheus exemplars while traces are not exported (MANAGEMENT_TRACING_EXPORT_ENABLED=false, the default).
 *
 * <p>Spring Boot attaches the current trace id as an exemplar to the OpenMetrics scrape whenever a tracer exists,
 * which it does whenever Brave is on the class path. Unexported, such a trace id points nowhere. Worse, Micrometer
 * also puts exemplars on a histogram's {@code _count}, and a Prometheus older than 2.43 (Debian 12 ships 2.42)
 * refuses the whole scrape with "metric name http_server_requests_seconds_count does not support exemplars". With
 * export on, Boot's own span context applies: exemplars then need Prometheus 2.43 or later (docs/operations.md,
 * "Tracing").
 *
 * <p>Declared here, this bean takes the place of Boot's ({@code PrometheusExemplarsAutoConfiguration} backs off
 * when a {@link SpanContext} exists).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "management.tracing.export.enabled", havingValue = "false")
class ExemplarsFollowExport {

    @Bean
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {}
        };
    }
}
