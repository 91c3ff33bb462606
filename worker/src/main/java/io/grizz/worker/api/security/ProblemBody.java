package io.grizz.worker.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RFC 9457 body of an answer the security filter chain gives: it runs before Spring MVC, whose
 * ProblemDetail support writes the others, so it writes this one itself.
 */
final class ProblemBody {

    private ProblemBody() {}

    /** Writes the problem of the status the response already has. */
    static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
