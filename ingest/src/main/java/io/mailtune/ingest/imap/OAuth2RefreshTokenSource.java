package io.mailtune.ingest.imap;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtune.core.contract.EventCodec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth2 refresh-token grant (RFC 6749 §6) against a provider's token endpoint: Google
 * ({@code https://oauth2.googleapis.com/token}) or Microsoft identity platform
 * ({@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}).
 */
public final class OAuth2RefreshTokenSource implements AccessTokenSource {

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String scope;
    private final HttpClient http;
    private final Clock clock;

    /**
     * A source for one grant.
     *
     * @param clientSecret null for public clients
     * @param scope        null to keep the granted scope (Microsoft needs e.g.
     *                     {@code https://outlook.office.com/IMAP.AccessAsUser.All offline_access})
     */
    public OAuth2RefreshTokenSource(URI tokenEndpoint, String clientId, String clientSecret, String refreshToken, String scope) {
        if (tokenEndpoint == null || !(tokenEndpoint.getScheme() != null && tokenEndpoint.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("tokenEndpoint must be an http(s) URL, was " + tokenEndpoint);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("refreshToken must not be blank: authorise the mailbox first (docs/mailboxes.md)");
        }
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.scope = scope;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.clock = Clock.systemUTC();
    }

    @Override
    public AccessToken fetch() throws TokenRevokedException, IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while refreshing the access token at " + tokenEndpoint, e);
        }
        JsonNode json;
        try {
            json = EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IOException("token endpoint " + tokenEndpoint + " answered HTTP " + response.statusCode() + " with no JSON", e);
        }
        if (response.statusCode() == 200 && json.hasNonNull("access_token")) {
            long seconds = json.path("expires_in").asLong(3600);
            return new AccessToken(json.get("access_token").asText(), clock.instant().plusSeconds(seconds));
        }
        String error = json.path("error").asText("");
        String description = json.path("error_description").asText("");
        if (error.equals("invalid_grant") || error.equals("unauthorized_client") || error.equals("invalid_client")) {
            throw new TokenRevokedException("the identity provider refused the refresh token (" + error
                    + (description.isEmpty() ? "" : ": " + description) + "); re-authorise the mailbox");
        }
        throw new IOException("token endpoint " + tokenEndpoint + " answered HTTP " + response.statusCode() + " " + error + " " + description);
    }
}
