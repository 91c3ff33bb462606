package io.grizz.worker.api.security;

import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadataClaimNames;

/**
 * The OAuth 2.0 protected resource metadata (RFC 9728) the read API serves at {@link #PATH}, which every 401's
 * {@code WWW-Authenticate: Bearer resource_metadata="…"} names. Spring Security writes it; this says what it
 * claims: the resource's URL and that a token goes in the {@code Authorization} header — not that tokens are bound
 * to a TLS client certificate (RFC 8705), which Spring claims by default and nothing here checks.
 */
public final class ResourceMetadata {

    /** Where Spring Security serves it; also under it, followed by a resource's path (RFC 9728 §3.1). */
    public static final String PATH = "/.well-known/oauth-protected-resource";

    private ResourceMetadata() {}

    static void declare(OAuth2ProtectedResourceMetadata.Builder metadata) {
        metadata.claims(claims ->
                claims.remove(OAuth2ProtectedResourceMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS));
    }
}
