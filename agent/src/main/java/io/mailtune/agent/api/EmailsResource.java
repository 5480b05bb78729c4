package io.mailtune.agent.api;

import io.mailtune.agent.mail.RawParts;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.StoredEmail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Emails as the thread view needs them: the text parts, the raw original on demand and the attachments, served so a
 * browser never runs or sniffs them (downloads, except plain raster images; no script, no remote loads).
 */
@Path("/api/emails")
@RolesAllowed(Roles.REVIEWER)
public class EmailsResource {

    /** Raster images a browser may show; everything else (SVG included: it can carry script) only downloads. */
    static final Set<String> VIEWABLE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final String NO_ACTIVE_CONTENT = "default-src 'none'; sandbox";

    private final EmailStore emails;
    private final Views views;

    EmailsResource(EmailStore emails, Views views) {
        this.emails = emails;
        this.views = views;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An email: the customer's new words, the quoted history apart, its files and flags")
    public EmailView email(@PathParam("id") String id) {
        return views.email(find(id));
    }

    @GET
    @Path("/flagged")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent emails ingest flagged (auto-replies, bounces, lists, own address): kept, never drafted")
    public List<EmailView> flagged(@QueryParam("mailbox") String mailbox, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500, was " + limit);
        }
        return emails.flagged(mailbox == null || mailbox.isBlank() ? null : mailbox, limit).stream().map(views::email).toList();
    }

    @GET
    @Path("/{id}/raw")
    @Produces("message/rfc822")
    @Operation(summary = "The untouched original message, as a download")
    public Response raw(@PathParam("id") String id) {
        byte[] raw = rawOf(find(id));
        return safe(Response.ok(raw, "message/rfc822"), "attachment", id + ".eml").build();
    }

    @GET
    @Path("/{id}/attachments/{index}")
    @Operation(summary = "One file of the email: a download (raster images may be shown), never executed")
    public Response attachment(@PathParam("id") String id, @PathParam("index") int index) {
        List<RawParts.File> files = RawParts.files(rawOf(find(id)));
        if (index < 0 || index >= files.size()) {
            throw new NotFoundException("email " + id + " has " + files.size() + " file(s); there is no file " + index);
        }
        RawParts.File f = files.get(index);
        boolean image = VIEWABLE_IMAGES.contains(f.contentType());
        return safe(Response.ok(f.bytes(), image ? f.contentType() : MediaType.APPLICATION_OCTET_STREAM),
                image ? "inline" : "attachment", f.fileName()).build();
    }

    private static Response.ResponseBuilder safe(Response.ResponseBuilder response, String disposition, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return response
                .header("Content-Disposition", disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", NO_ACTIVE_CONTENT)
                .header("Cache-Control", "private, no-store");
    }

    private StoredEmail find(String id) {
        return emails.find(id).orElseThrow(() -> new NotFoundException("no email " + id));
    }

    private byte[] rawOf(StoredEmail email) {
        byte[] raw = views.raw(email.email());
        if (raw == null) {
            throw new NotFoundException("the original of email " + email.emailId() + " is not in the raw message store at "
                    + email.email().raw().location());
        }
        return raw;
    }
}
