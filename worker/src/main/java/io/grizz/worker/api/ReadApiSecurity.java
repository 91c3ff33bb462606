package io.grizz.worker.api;

import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication of SPEC §5 with Spring Security's OAuth2 resource server: a bearer JWT, HS256
 * with {@code READ_API_JWT_SECRET} (its UTF-8 bytes are the key), or else signed by the keys
 * that {@code READ_API_JWT_ISSUER_URI} publishes. Health, metrics and the OpenAPI document need
 * no token; everything else does. Stateless: no session, no cookie, so no CSRF to defend.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
class ReadApiSecurity {

    /** Reachable without a token. {@code /error} too, or an error dispatch would answer 401 instead of the error. */
    static final String[] PUBLIC = {"/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/error"};

    @Bean
    SecurityFilterChain readApiFilterChain(HttpSecurity http, JwtDecoder decoder, JsonMapper json) throws Exception {
        AuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(json);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    @Bean
    JwtDecoder readApiJwtDecoder(ReadApiProperties properties) {
        OAuth2TokenValidator<Jwt> reader = new ReaderTokenValidator();
        if (properties.hasJwtSecret()) {
            SecretKeySpec key = new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(reader)));
            return decoder;
        }
        String issuer = properties.jwtIssuerUri();
        // resolved on first use, as Boot does: start-up does not wait for (or fail on) the issuer
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                    List.of(new JwtIssuerValidator(issuer), reader)));
            return decoder;
        });
    }
}
