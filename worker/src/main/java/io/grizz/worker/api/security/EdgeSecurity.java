package io.grizz.worker.api.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import java.util.LinkedHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one security filter chain, whatever the roles (docs/contract.md §5, §7), so that what is reachable never
 * depends on which beans happen to exist:
 * <ul>
 * <li>{@code health}, {@code info} and {@code prometheus} answer anyone; health shows its
 *     components only to a token with the service scope ({@code application.yml}).</li>
 * <li>Any other actuator path is 404, token or not: an endpoint exposed by configuration
 *     ({@code env}, {@code heapdump}) is closed here all the same.</li>
 * <li>With the read-api role: the OpenAPI document and the protected resource metadata that every 401 names
 *     ({@link ResourceMetadata}, a GET the resource server's own filter answers) are open, everything else needs a
 *     bearer token (401 problem otherwise).</li>
 * <li>Without it (ingest only) there is no key to check a token with: everything else is 404,
 *     as it would be on a server that has nothing there.</li>
 * </ul>
 * Stateless: no session, no cookie, so no CSRF to defend.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

    static final String[] PUBLIC_ENDPOINTS = {"health", "info", "prometheus"};
    static final String[] API_DOCUMENT = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain edgeFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> decoders, JsonMapper json)
            throws Exception {
        JwtDecoder decoder = decoders.getIfAvailable();
        NotFoundProblem notFound = new NotFoundProblem(json);
        // /actuator/** by path too: an unknown name there is no endpoint, and must not ask for a token
        RequestMatcher closedActuator = new OrRequestMatcher(
                EndpointRequest.toAnyEndpoint().excluding(PUBLIC_ENDPOINTS), pathPattern("/actuator/**"));
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(EndpointRequest.to(PUBLIC_ENDPOINTS))
                    .permitAll()
                    .requestMatchers(closedActuator)
                    .denyAll()
                    // an error dispatch must render the error, not ask for a token
                    .requestMatchers("/error")
                    .permitAll();
            if (decoder == null) {
                requests.anyRequest().denyAll();
            } else {
                requests.requestMatchers(API_DOCUMENT).permitAll().anyRequest().authenticated();
            }
        });
        AuthenticationEntryPoint otherwise = decoder == null ? notFound : new ProblemAuthenticationEntryPoint(json);
        AuthenticationEntryPoint entryPoint =
                new DelegatingAuthenticationEntryPoint(otherwise, new RequestMatcherEntry<>(closedActuator, notFound));
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> denied = new LinkedHashMap<>();
        denied.put(closedActuator, notFound);
        AccessDeniedHandler deniedHandler = new RequestMatcherDelegatingAccessDeniedHandler(
                denied, decoder == null ? notFound : new AccessDeniedHandlerImpl());
        if (decoder != null) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder))
                    .protectedResourceMetadata(
                            metadata -> metadata.protectedResourceMetadataCustomizer(ResourceMetadata::declare))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(deniedHandler));
        }
        http.exceptionHandling(
                        errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
