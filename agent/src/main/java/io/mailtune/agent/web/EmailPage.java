package io.mailtune.agent.web;

import io.mailtune.agent.api.Views;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.StoredEmail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;


/**
 * An email on its own (flagged mail has no draft), its sanitised formatted version for the sandboxed frame, and its
 * raw original as text on demand.
 */
@Path("/emails/{id}")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.TEXT_HTML)
public class EmailPage {

    /**
     * The frame's policy: nothing loads (images are {@code data:} URIs of the message's own parts), nothing runs, no
     * form goes anywhere, and the document is sandboxed even when opened outside its frame.
     */
    static final String FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";
    /** The most characters of a raw original shown as text. */
    static final int MAX_ORIGINAL_CHARS = 200_000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance email(Chrome chrome, MailView mail, String draftHref);

        static native TemplateInstance frame(String body, int remoteImages);

        static native TemplateInstance original(String text, boolean truncated, String rawUrl);
    }

    private final EmailStore emails;
    private final DraftStore drafts;
    private final Views views;
    private final MailViews mailViews;
    private final DeskFrame frame;

    EmailPage(EmailStore emails, DraftStore drafts, Views views, MailViews mailViews, DeskFrame frame) {
        this.emails = emails;
        this.drafts = drafts;
        this.views = views;
        this.mailViews = mailViews;
        this.frame = frame;
    }

    @GET
    public TemplateInstance view(@PathParam("id") String id) {
        StoredEmail email = find(id);
        String draft = drafts.forEmail(id).map(d -> "/drafts/" + d.draftId()).orElse(null);
        return Templates.email(frame.chrome(email.email().needsDraft() ? "queue" : "flagged", email.email().subject()),
                mailViews.of(email), draft);
    }

    @GET
    @Path("body")
    public Response body(@PathParam("id") String id) {
        byte[] raw = views.raw(find(id).email());
        MailBody body = raw == null ? null : MailBody.of(raw).orElse(null);
        if (body == null || body.html() == null) {
            throw new NotFoundException("email " + id + " has no formatted (HTML) version");
        }
        MailHtml.Sanitised clean = MailHtml.sanitise(body.html(), body.images());
        return Response.ok(Templates.frame(clean.body(), clean.remoteImagesBlocked()))
                .header("Content-Security-Policy", FRAME_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @GET
    @Path("original")
    public TemplateInstance original(@PathParam("id") String id) {
        StoredEmail email = find(id);
        byte[] raw = views.raw(email.email());
        if (raw == null) {
            throw new NotFoundException("the original of email " + id + " is no longer in the raw message store");
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        boolean truncated = text.length() > MAX_ORIGINAL_CHARS;
        return Templates.original(truncated ? text.substring(0, MAX_ORIGINAL_CHARS) : text, truncated,
                "/api/emails/" + id + "/raw");
    }

    private StoredEmail find(String id) {
        return emails.find(id).orElseThrow(() -> new NotFoundException("no email " + id));
    }

}
