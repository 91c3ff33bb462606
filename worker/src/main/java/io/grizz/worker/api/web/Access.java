package io.grizz.worker.api.web;

import io.grizz.worker.api.security.Reader;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The endpoints' one access rule (docs/contract.md §5): a bearer token's {@link Reader} reads what
 * its user owns, or everything for a service. What it may not read answers 404 exactly as what
 * does not exist, so that existence does not leak.
 */
final class Access {

    private Access() {}

    /** {@code found}, when the token may read its owner's data; else (or when nothing was found) a 404. */
    static <T> T readable(Jwt token, Optional<T> found, Function<T, UUID> ownerOf, String what) {
        // a token that stands for no reader was refused at verification (ReaderTokenValidator)
        Reader reader = Reader.of(token).orElseThrow();
        return found.filter(item -> reader.mayRead(ownerOf.apply(item))).orElseThrow(() -> Problems.notFound(what));
    }

    /** Whether the token may read the data of {@code owner}. */
    static boolean mayRead(Jwt token, UUID owner) {
        return Reader.of(token).orElseThrow().mayRead(owner);
    }

    /** Returns when the token may read the data of {@code owner}; else (or when there is none) a 404. */
    static void check(Jwt token, Optional<UUID> owner, String what) {
        readable(token, owner, Function.identity(), what);
    }
}
