package io.grizz.worker.api.paging;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/** One page of a list: its items and the cursor of the next page, null on the last. */
@Schema(requiredProperties = {"items", "next_cursor"})
public record Page<T>(
        @JsonProperty("items") List<T> items,

        @JsonProperty("next_cursor")
        @Schema(
                types = {"string", "null"},
                description = "pass as `cursor` for the next page; null on the last page")
        String nextCursor) {

    /**
     * Cuts a page from rows fetched with a limit one higher than asked: the extra row only says
     * that another page exists, so the last page never ends with a cursor to an empty one.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorAfter) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorAfter.apply(items.get(limit - 1)));
    }
}
