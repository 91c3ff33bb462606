package io.grizz.worker.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every error is a problem, whatever the request's {@code Accept} says. Spring MVC negotiates an error's
 * {@code ProblemDetail} against {@code Accept} like any other body, so a client that asks for {@code text/html}
 * only got its 404 or 406 with an empty body. This adds {@code application/problem+json} at the lowest quality to
 * every {@code Accept}: what a client prefers still wins where the server can give it, a 200 still needs a type the
 * client accepts (else 406), and the errors can always be said (RFC 9110 §12.5.1 lets a server disregard
 * {@code Accept}; this keeps it and only widens it for problems).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemsAlwaysAcceptable extends OncePerRequestFilter {

    static final String LAST_RESORT = MediaType.APPLICATION_PROBLEM_JSON_VALUE + ";q=0.001";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        chain.doFilter(accept == null ? request : new WidenedAccept(request, accept + ", " + LAST_RESORT), response);
    }

    /** The request with its {@code Accept} widened; every other header as sent. */
    private static final class WidenedAccept extends HttpServletRequestWrapper {
        private final String accept;

        WidenedAccept(HttpServletRequest request, String accept) {
            super(request);
            this.accept = accept;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accept : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(accept))
                    : super.getHeaders(name);
        }
    }
}
