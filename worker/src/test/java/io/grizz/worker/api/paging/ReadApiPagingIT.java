package io.grizz.worker.api.paging;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.api.ReadApiAssertions.ids;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Role;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ReadApiFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keyset paging as a property: random lists (many timestamps shared, so the id tie-break is
 * exercised) read page by page with random limits give every item exactly once, in order, with
 * {@code next_cursor} null exactly on the last page. The seed is printed; rerun one with
 * {@code -Dgrizz.test.seed=…}.
 */
class ReadApiPagingIT {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** PostgreSQL orders uuid by its bytes, unsigned: the order of the lowercase text, not UUID.compareTo. */
    private static final Comparator<UUID> UUID_ORDER = Comparator.comparing(UUID::toString);

    private static ReadApiFixture fixture;
    private static ApiClient api;
    private static Random random;

    record Stored(UUID id, Instant at, boolean deleted) {}

    @BeforeAll
    static void start() {
        fixture = ReadApiFixture.shared();
        api = fixture.api();
        long seed = Long.getLong("grizz.test.seed", System.nanoTime());
        System.out.println("ReadApiPagingIT seed " + seed);
        random = new Random(seed);
    }

    @Test
    void everyMessageComesExactlyOnceInOrderWhateverTheCountAndTheLimit() {
        UUID user = UUID.randomUUID();
        List<Integer> counts = new ArrayList<>(List.of(1, 2, 50, 51));
        for (int i = 0; i < 4; i++) {
            counts.add(1 + random.nextInt(300));
        }
        List<MessageWrite> events = new ArrayList<>();
        List<UUID> conversations = new ArrayList<>();
        List<List<Stored>> stored = new ArrayList<>();
        for (int count : counts) {
            UUID conversation = UUID.randomUUID();
            conversations.add(conversation);
            stored.add(storeMessages(conversation, user, count, 5, events));
        }
        UUID allDeleted = UUID.randomUUID(); // without tombstones an empty list, yet it exists
        conversations.add(allDeleted);
        stored.add(storeMessages(allDeleted, user, 3, 1, events));
        fixture.sendAndAwait(events);

        String token = userToken(user);
        for (int c = 0; c < conversations.size(); c++) {
            List<Stored> messages = stored.get(c);
            for (boolean includeDeleted : new boolean[] {false, true}) {
                List<String> expected = messages.stream()
                        .filter(m -> includeDeleted || !m.deleted())
                        .sorted(Comparator.comparing(Stored::at).thenComparing(Stored::id, UUID_ORDER))
                        .map(m -> m.id().toString())
                        .toList();
                for (int limit : limitsFor(expected.size())) {
                    String path = "/v1/conversations/" + conversations.get(c) + "/messages?include_deleted="
                            + includeDeleted + "&limit=" + limit;
                    assertThat(readAllPages(path, token, limit))
                            .as("%s (%d items)", path, expected.size())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void everyConversationOfAUserComesExactlyOnceMostRecentlyUpdatedFirst() {
        UUID user = UUID.randomUUID();
        int count = 1 + random.nextInt(120);
        List<MessageWrite> events = new ArrayList<>();
        List<Stored> conversations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID conversation = UUID.randomUUID();
            Instant at = T0.plusSeconds(random.nextInt(count / 4 + 1));
            events.add(new MessageWrite(
                    UUID.randomUUID(),
                    EventType.CREATED,
                    at,
                    UUID.randomUUID(),
                    conversation,
                    user,
                    1,
                    Role.USER,
                    "m",
                    null));
            conversations.add(new Stored(conversation, at, false));
        }
        fixture.sendAndAwait(events);

        List<String> expected = conversations.stream()
                .sorted(Comparator.comparing(Stored::at)
                        .thenComparing(Stored::id, UUID_ORDER)
                        .reversed())
                .map(s -> s.id().toString())
                .toList();
        for (int limit : limitsFor(count)) {
            String path = "/v1/users/" + user + "/conversations?limit=" + limit;
            assertThat(readAllPages(path, userToken(user), limit)).as(path).isEqualTo(expected);
        }
    }

    @Test
    void aTamperedTruncatedOrForeignCursorIs400AndTheGenuineOneWorks() {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<MessageWrite> events = new ArrayList<>();
        storeMessages(conversation, user, 3, 5, events);
        storeMessages(other, user, 3, 5, events);
        fixture.sendAndAwait(events);
        String token = userToken(user);
        String base = "/v1/conversations/" + conversation + "/messages?include_deleted=true&limit=1";
        String cursor = api.get(base, token).json().get("next_cursor").asString();
        String userCursor = api.get("/v1/users/" + user + "/conversations?limit=1", token)
                .json()
                .get("next_cursor")
                .asString();

        assertThat(api.get(base + "&cursor=" + cursor, token).status()).isEqualTo(200);
        for (int i = 0; i < cursor.length(); i++) {
            String tampered = cursor.substring(0, i) + flip(cursor.charAt(i)) + cursor.substring(i + 1);
            assertProblem(api.get(base + "&cursor=" + encode(tampered), token), 400, "character " + i + " changed");
        }
        assertProblem(api.get(base + "&cursor=" + cursor.substring(0, cursor.length() - 2), token), 400, "truncated");
        assertProblem(api.get(base + "&cursor=" + cursor + "AA", token), 400, "extended");
        assertProblem(api.get(base + "&cursor=" + encode("%%%"), token), 400, "not base64");
        assertProblem(
                api.get("/v1/conversations/" + other + "/messages?cursor=" + cursor, token),
                400,
                "another conversation's cursor");
        assertProblem(api.get(base + "&cursor=" + userCursor, token), 400, "a conversation list's cursor");
    }

    /**
     * Messages created at a few shared instants (ties on created_at), about one in
     * {@code deleteOneIn} then deleted.
     */
    private static List<Stored> storeMessages(
            UUID conversation, UUID user, int count, int deleteOneIn, List<MessageWrite> events) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            Instant at = T0.plusMillis(random.nextInt(count / 3 + 1));
            boolean deleted = random.nextInt(deleteOneIn) == 0;
            events.add(new MessageWrite(
                    UUID.randomUUID(),
                    EventType.CREATED,
                    at,
                    id,
                    conversation,
                    user,
                    1,
                    Role.USER,
                    "message " + i,
                    "{\"i\":" + i + "}"));
            if (deleted) {
                events.add(new MessageWrite(
                        UUID.randomUUID(),
                        EventType.DELETED,
                        at.plusSeconds(60),
                        id,
                        conversation,
                        user,
                        2,
                        null,
                        null,
                        null));
            }
            stored.add(new Stored(id, at, deleted));
        }
        return stored;
    }

    /** The edges (1, the exact size, one more, the maximum) and a few at random. */
    private static Set<Integer> limitsFor(int size) {
        Set<Integer> limits = new LinkedHashSet<>(List.of(1, 500, Math.max(1, size), Math.min(500, size + 1)));
        for (int i = 0; i < 3; i++) {
            limits.add(1 + random.nextInt(Math.min(500, size + 10)));
        }
        return limits;
    }

    /**
     * Follows next_cursor to the end. Every page but the last is full, and the last is never an
     * empty page after a full one (unless the whole list is empty).
     */
    private static List<String> readAllPages(String firstPath, String token, int limit) {
        List<String> all = new ArrayList<>();
        String path = firstPath;
        for (int pages = 0; pages < 10_000; pages++) {
            JsonNode page = api.get(path, token).json();
            List<String> items = ids(page);
            all.addAll(items);
            JsonNode next = page.get("next_cursor");
            if (next.isNull()) {
                assertThat(items.size()).as("last page of %s", firstPath).isLessThanOrEqualTo(limit);
                if (pages > 0) {
                    assertThat(items)
                            .as("a page after a full one is never empty: %s", firstPath)
                            .isNotEmpty();
                }
                return all;
            }
            assertThat(items)
                    .as("a page with a next_cursor is full: %s", firstPath)
                    .hasSize(limit);
            path = firstPath + "&cursor=" + encode(next.asString());
        }
        throw new AssertionError("paging did not end: " + firstPath);
    }

    private static char flip(char c) {
        return c == 'A' ? 'B' : 'A';
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
