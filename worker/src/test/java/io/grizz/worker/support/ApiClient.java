package io.grizz.worker.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of one running read API, as any caller would use it: real sockets, raw JSON. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public ApiClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /** GET of JSON with {@code Authorization: Bearer token}, or without the header when token is null. */
    public Response get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token);
    }

    /** GET of whatever the path serves (e.g. Prometheus text), without a token. */
    public Response getAny(String pathAndQuery) {
        return send("GET", pathAndQuery, null, "*/*");
    }

    /** GET with an {@code Accept} of the caller's, e.g. a browser's {@code text/html}. */
    public Response getAccepting(String pathAndQuery, String token, String accept) {
        return send("GET", pathAndQuery, token, accept);
    }

    public Response send(String method, String pathAndQuery, String token) {
        return send(method, pathAndQuery, token, "application/json");
    }

    private Response send(String method, String pathAndQuery, String token, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
