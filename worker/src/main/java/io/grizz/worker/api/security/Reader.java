package io.grizz.worker.api.security;

import io.grizz.contracts.CanonicalUuid;
import io.grizz.contracts.Wire;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who asks, as docs/contract.md §5 decides it from the token: a service (scope {@code messages:read:all})
 * reads everything; anyone else is the user named by {@code sub} and reads only what that user
 * owns.
 *
 * @param userId the user, or null for a service
 */
public record Reader(UUID userId) {

    private static final Reader SERVICE = new Reader(null);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The reader a token stands for; empty when it stands for no one here (no service scope, sub not a UUID). */
    public static Optional<Reader> of(Jwt token) {
        if (scopes(token).contains(Wire.SERVICE_SCOPE)) {
            return Optional.of(SERVICE);
        }
        return Optional.ofNullable(CanonicalUuid.parseOrNull(token.getSubject()))
                .map(Reader::new);
    }

    public boolean mayRead(UUID owner) {
        return userId == null || userId.equals(owner);
    }

    /** OAuth 2.0's space-separated {@code scope}; some issuers send a list, or {@code scp}, instead. */
    private static Collection<String> scopes(Jwt token) {
        for (String claim : List.of("scope", "scp")) {
            Object value = token.getClaims().get(claim);
            if (value instanceof String text) {
                return List.of(SPACES.split(text.trim()));
            }
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
        }
        return List.of();
    }
}
