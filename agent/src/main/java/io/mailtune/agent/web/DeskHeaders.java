package io.mailtune.agent.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The desk's pages load only the desk's own script, styles and images, and no other site may frame them; the email
 * frame sets its own, stricter policy. Every HTML answer of the agent gets these headers.
 */
public class DeskHeaders {

    /** The pages' policy: same-origin script and styles only (no inline script, no eval), frames only from the desk. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @ServerResponseFilter
    public void headers(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return;
        }
        set(response, "Content-Security-Policy", PAGE_POLICY);
        set(response, "X-Content-Type-Options", "nosniff");
        set(response, "Referrer-Policy", "same-origin");
        set(response, "Cache-Control", "private, no-store");
    }

    private static void set(ContainerResponseContext response, String name, String value) {
        if (!response.getHeaders().containsKey(name)) {
            response.getHeaders().add(name, value);
        }
    }
}
