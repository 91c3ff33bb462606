package io.grizz.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the read-API tests of every package check of an answer. */
public final class ReadApiAssertions {

    private ReadApiAssertions() {}

    public static void assertProblem(Response response, int status, String what) {
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("title").asString()).as(what).isNotBlank();
        assertThat(response.body())
                .as(what)
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("select ")
                .doesNotContain("trace");
    }

    /** The ids of a page's items, in page order. */
    public static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
