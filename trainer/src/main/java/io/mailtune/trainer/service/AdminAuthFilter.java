package io.mailtune.trainer.service;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Guards {@link AdminOnly} endpoints: HTTP Basic with the admin user and password, or {@code Authorization: Bearer
 * <password>} for scripts. Those endpoints also only take JSON bodies, which a cross-site form cannot send, so a
 * browser that remembers the Basic credential cannot be tricked into a mutation.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

    /** The property the filter sets to the authenticated user's name. */
    public static final String USER = "mailtune.trainer.user";

    @Inject
    AdminCredential credential;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && credential.matches(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                request.setProperty(USER, decoded.substring(0, colon));
                return;
            }
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && credential.matchesToken(header.substring(7).strip())) {
            request.setProperty(USER, credential.user());
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mailtune-trainer\"")
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "this endpoint changes the trainer: send the admin credential"
                        + " (HTTP Basic, or Authorization: Bearer <mailtune.trainer.admin.password>)"))
                .build());
    }
}
