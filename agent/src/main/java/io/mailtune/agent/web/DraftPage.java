package io.mailtune.agent.web;

import io.mailtune.agent.api.DraftView;
import io.mailtune.agent.api.Views;
import io.mailtune.agent.drafting.KnowledgeBaseHost;
import io.mailtune.agent.review.Decision;
import io.mailtune.agent.review.DraftNotFoundException;
import io.mailtune.agent.review.ReviewDesk;
import io.mailtune.agent.review.VersionConflictException;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.PresenceStore;
import io.mailtune.agent.store.PromptPassage;
import io.mailtune.agent.store.QueueFilter;
import io.mailtune.agent.store.StoredEmail;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SearchText;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A draft beside the email it answers: the thread, the editor, the passages it was written from, its confidence, and
 * the actions (approve, edit and approve, reject with a reason, regenerate). Every action names the version the
 * reviewer saw; when someone else acted first the page says who and keeps the reviewer's text.
 */
@Path("/drafts/{id}")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.TEXT_HTML)
public class DraftPage {

    private static final Logger LOG = Logger.getLogger(DraftPage.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance draft(Chrome chrome, Page page, MailView mail);

        static native TemplateInstance presence(Presence presence);
    }

    /** The reasons a reviewer picks from when rejecting, each with its number key. */
    public enum Reason {
        FACTS("Wrong or made-up facts"),
        ARTICLE("Cites the wrong article"),
        MISSES("Does not answer the question"),
        TONE("Wrong tone or language"),
        PERSON("Needs a person, not a template"),
        NO_REPLY("No reply needed"),
        OTHER("Other (say what)");

        final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The form value. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What it says. */
        public String label() {
            return label;
        }

        /** The number key that picks it. */
        public int key() {
            return ordinal() + 1;
        }
    }

    /**
     * A passage shown beside the draft.
     *
     * @param title      the article's title
     * @param url        the article's address with its heading anchor, or null
     * @param anchor     the passage's id within the article
     * @param text       the passage
     * @param score      the fused retrieval score
     * @param similarity similarity with the email, percent
     * @param cited      the draft draws on it
     * @param internal   from an internal article: never to be quoted to a customer
     */
    public record Source(String title, String url, String anchor, String text, String score, long similarity, boolean cited,
                         boolean internal) {
    }

    /**
     * Someone else acted on the draft first.
     *
     * @param message  who did what, in words
     * @param yourText the text this reviewer had in the editor (kept, never lost)
     * @param sentText what the winner sent, or null
     */
    public record Conflict(String message, String yourText, String sentText) {
    }

    /**
     * Who else has the draft open, and whether it changed under this reviewer.
     *
     * @param viewers the others
     * @param changed what changed since the page was opened, or null
     */
    public record Presence(List<String> viewers, String changed) {
    }

    /**
     * An earlier message of the conversation.
     *
     * @param author  customer or staff (the colour class)
     * @param who     who wrote it, in words
     * @param when    when, in words
     * @param preview its first words
     * @param text    all of it
     */
    public record Turn(String author, String who, String when, String preview, String text) {

        static Turn of(DraftView.ThreadMessage m, Instant now) {
            String flat = m.text() == null ? "" : m.text().strip().replaceAll("\\s+", " ");
            return new Turn(m.author(), "staff".equals(m.author()) ? "Our reply" : "Customer",
                    m.at() == null ? "" : Ages.ago(m.at(), now), flat.length() > 90 ? flat.substring(0, 89) + "…" : flat,
                    m.text() == null ? "" : m.text());
        }
    }

    /**
     * The draft page.
     *
     * @param draftId      the draft
     * @param version      the version the actions act on
     * @param status       its status, lowercase (the colour class)
     * @param statusText   its status in words
     * @param actionable   ready for a decision
     * @param writing      queued or being written (the page reloads when it is ready)
     * @param editorText   the editor's text
     * @param signature    the signature appended when sent
     * @param handOff      the draft hands the email to a person
     * @param confidence   its confidence, or null before it is written
     * @param adapter      the adapter that wrote it
     * @param language     the reply language in words
     * @param languageNote why the reply is in that language
     * @param sources      the passages the prompt held
     * @param internal     internal passages about the email, for staff only
     * @param earlier      the thread's earlier messages
     * @param conflict     someone else acted first, or null
     * @param redraftHref  for a stale draft, the draft that replaced it
     * @param decision     what was decided, for a decided draft, or null
     * @param failure      why drafting failed, or null
     * @param timing       how long drafting took, in words
     * @param prevHref     the previous draft in the queue, or null
     * @param nextHref     the next draft in the queue, or null
     * @param position     this draft's place in the queue (1-based, 0 when not in it)
     * @param queueSize    drafts ready for review
     * @param reasons      the rejection reasons
     * @param presence     who else has it open
     * @param flash        a confirmation of the last action, or null
     * @param error        what was wrong with the last action, or null
     */
    public record Page(String draftId, long version, String status, String statusText, boolean actionable, boolean writing,
                       String editorText, String signature, boolean handOff, ConfidenceLevel confidence, String adapter,
                       String language, String languageNote, List<Source> sources, List<Source> internal,
                       List<Turn> earlier, Conflict conflict, String redraftHref, String decision,
                       String failure, String timing, String prevHref, String nextHref, int position, int queueSize,
                       List<Reason> reasons, Presence presence, String flash, String error) {
    }

    private final DraftStore drafts;
    private final EmailStore emails;
    private final ReviewDesk desk;
    private final PresenceStore presence;
    private final Views views;
    private final MailViews mailViews;
    private final KnowledgeBaseHost kb;
    private final QueuePage queue;
    private final DeskFrame frame;
    private final Clock clock;

    DraftPage(DraftStore drafts, EmailStore emails, ReviewDesk desk, PresenceStore presence, Views views, MailViews mailViews,
              KnowledgeBaseHost kb, QueuePage queue, DeskFrame frame, Clock clock) {
        this.drafts = drafts;
        this.emails = emails;
        this.desk = desk;
        this.presence = presence;
        this.views = views;
        this.mailViews = mailViews;
        this.kb = kb;
        this.queue = queue;
        this.frame = frame;
        this.clock = clock;
    }

    @GET
    public TemplateInstance view(@PathParam("id") String id, @QueryParam("done") String done) {
        Draft d = find(id);
        presence.heartbeat(id, frame.user());
        String flash = done == null ? null : drafts.find(done).map(queue::flashFor).orElse(null);
        return page(d, null, flash, null);
    }

    @POST
    @Path("approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("id") String id, @FormParam("version") long version, @FormParam("text") String text) {
        try {
            // Browsers send a textarea's line breaks as CRLF: an untouched draft must still count as approved as drafted.
            Decision decision = desk.approve(id, version, text == null ? null : text.replace("\r\n", "\n"), frame.user());
            LOG.infof("draft %s %s by %s", id, decision.verdict().name().toLowerCase(Locale.ROOT), frame.user());
            return next(id);
        } catch (VersionConflictException e) {
            return Response.status(Response.Status.CONFLICT).entity(page(find(id), conflict(find(id), text), null, null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(find(id), null, null, e.getMessage())).build();
        }
    }

    @POST
    @Path("reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@PathParam("id") String id, @FormParam("version") long version, @FormParam("reason") String reason,
                           @FormParam("note") String note, @FormParam("text") String text) {
        String why;
        try {
            why = reason(reason, note);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(find(id), null, null, e.getMessage())).build();
        }
        try {
            desk.reject(id, version, why, frame.user());
            LOG.infof("draft %s rejected by %s: %s", id, frame.user(), why);
            return next(id);
        } catch (VersionConflictException e) {
            return Response.status(Response.Status.CONFLICT).entity(page(find(id), conflict(find(id), text), null, null)).build();
        }
    }

    @POST
    @Path("regenerate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response regenerate(@PathParam("id") String id, @FormParam("version") long version, @FormParam("text") String text) {
        try {
            desk.regenerate(id, version);
            return Response.seeOther(URI.create("/drafts/" + id)).build();
        } catch (VersionConflictException e) {
            return Response.status(Response.Status.CONFLICT).entity(page(find(id), conflict(find(id), text), null, null)).build();
        }
    }

    @PUT
    @Path("presence")
    public TemplateInstance heartbeat(@PathParam("id") String id, @QueryParam("version") Long version) {
        Draft d = find(id);
        presence.heartbeat(id, frame.user());
        String changed = version == null || version == d.version() ? null : changedText(d);
        return Templates.presence(new Presence(others(id), changed));
    }

    @GET
    @Path("state")
    public Response state(@PathParam("id") String id, @QueryParam("version") long version) {
        Draft d = find(id);
        return d.version() == version ? Response.noContent().build() : Response.noContent().header("HX-Refresh", "true").build();
    }

    private Response next(String decided) {
        List<Draft> ready = readyQueue();
        Optional<Draft> next = ready.stream().filter(d -> !d.draftId().equals(decided)).findFirst();
        String to = next.map(d -> "/drafts/" + d.draftId()).orElse("/") + (next.isPresent() ? "?done=" : "?status=ready&done=") + decided;
        return Response.seeOther(URI.create(to)).build();
    }

    private TemplateInstance page(Draft d, Conflict conflict, String flash, String error) {
        DraftView view = views.draft(d, frame.user());
        StoredEmail email = emails.find(d.emailId()).orElseThrow(() -> new DraftNotFoundException(d.draftId()));
        var w = d.written();
        List<Source> sources = w == null ? List.of() : w.passages().stream().map(DraftPage::source).toList();
        List<Draft> ready = readyQueue();
        int index = indexOf(ready, d.draftId());
        String prev = index > 0 ? "/drafts/" + ready.get(index - 1).draftId() : null;
        String next = index >= 0 && index + 1 < ready.size() ? "/drafts/" + ready.get(index + 1).draftId()
                : index < 0 && !ready.isEmpty() ? "/drafts/" + ready.getFirst().draftId() : null;
        String redraft = null;
        if (d.status() == DraftStatus.STALE) {
            redraft = drafts.inThread(d.threadId()).stream()
                    .filter(o -> !o.draftId().equals(d.draftId()) && !o.arrivedAt().isBefore(d.arrivedAt()))
                    .reduce((a, b) -> b).map(o -> "/drafts/" + o.draftId()).orElse(null);
        }
        String customerLanguage = io.mailtune.agent.drafting.LanguageGuess.of(email.email().subject() + "\n"
                + email.email().normalisedText()).orElse(null);
        String language = w == null ? "" : MailView.languageName(w.language());
        String languageNote = w == null ? "" : languageNote(customerLanguage, w.language());
        Instant now = clock.instant();
        List<Turn> earlier = view.thread().stream().filter(m -> !d.emailId().equals(m.emailId()))
                .filter(m -> m.at() == null || !m.at().isAfter(email.email().receivedAt()) || "staff".equals(m.author()))
                .map(m -> Turn.of(m, now)).toList();
        String editor = conflict != null && conflict.yourText() != null ? conflict.yourText() : w == null ? "" : w.text();
        String timing = w == null ? "" : String.format(Locale.ROOT, "written in %.1f s (%d tokens, %.0f tokens/s)",
                w.timings().generationMillis() / 1000.0, w.timings().generatedTokens(), w.timings().tokensPerSecond());
        Page page = new Page(d.draftId(), d.version(), d.status().name().toLowerCase(Locale.ROOT), statusText(d.status()),
                d.status() == DraftStatus.READY && w != null, d.status() == DraftStatus.QUEUED || d.status() == DraftStatus.DRAFTING,
                editor, view.signature(), w != null && w.handOff(), w == null ? null : ConfidenceLevel.of(w.confidence()),
                w == null ? "" : w.adapterVersion(), language, languageNote, sources, internalNotes(email), earlier, conflict,
                redraft, decision(d), d.failure(), timing, prev, next, index + 1, ready.size(), List.of(Reason.values()),
                new Presence(others(d.draftId()), null), flash, error);
        return Templates.draft(frame.chrome("queue", view.email().subject().isBlank() ? "Draft" : view.email().subject()),
                page, mailViews.of(email));
    }

    private List<Source> internalNotes(StoredEmail email) {
        try {
            String query = SearchText.of(email.email().subject(), email.email().normalisedText());
            List<Source> out = new ArrayList<>();
            for (SearchHit hit : kb.search(query, 8)) {
                if (hit.visibility() == io.mailtune.retrieval.source.Visibility.INTERNAL && out.size() < 3) {
                    double similarity = Double.isNaN(hit.score().vectorSimilarity()) ? 0 : hit.score().vectorSimilarity();
                    out.add(new Source(hit.citation().title(), hit.citation().url(), hit.citation().chunkId(), hit.text(),
                            String.format(Locale.ROOT, "%.3f", hit.score().fused()), Math.round(Math.max(0, similarity) * 100),
                            false, true));
                }
            }
            return out;
        } catch (RuntimeException e) {
            LOG.debugf("internal notes unavailable: %s", e.getMessage());
            return List.of();
        }
    }

    private static Source source(PromptPassage p) {
        return new Source(p.title().isBlank() ? p.articleId() : p.title(), p.url(), p.chunkId(), p.text(),
                String.format(Locale.ROOT, "%.3f", p.score()), Math.round(Math.max(0, p.similarity()) * 100), p.cited(), false);
    }

    private Conflict conflict(Draft now, String yourText) {
        return new Conflict(changedText(now), yourText, now.review() == null ? null : now.review().sentText());
    }

    private String changedText(Draft d) {
        Instant at = d.review() == null ? null : d.review().reviewedAt();
        String ago = at == null ? "" : " " + Ages.since(at, clock.instant()).replace("just now", "a moment") + " ago";
        return switch (d.status()) {
            case APPROVED -> d.review().reviewer() + " approved this draft" + ago
                    + ". Your action was not applied, and the reply goes out once.";
            case REJECTED -> d.review().reviewer() + " rejected this draft" + ago + ". Your action was not applied.";
            case STALE -> "The customer wrote again, so this draft is stale and a new one is being written.";
            case QUEUED, DRAFTING -> "This draft is being written again. Your action was not applied.";
            default -> "This draft changed since you opened it. Your action was not applied; reload to see it.";
        };
    }

    private static String decision(Draft d) {
        if (d.review() == null) {
            return null;
        }
        return switch (d.status()) {
            case APPROVED -> "Approved by " + d.review().reviewer() + " on " + Ages.when(d.review().reviewedAt()) + ".";
            case REJECTED -> "Rejected by " + d.review().reviewer() + " on " + Ages.when(d.review().reviewedAt()) + ": "
                    + d.review().rejectReason();
            default -> null;
        };
    }

    private static String languageNote(String customer, String reply) {
        if (customer == null) {
            return "The customer's language could not be told; the reply is in the company's language.";
        }
        if (customer.equals(reply)) {
            return "The customer wrote in " + MailView.languageName(customer) + "; the draft used articles in it.";
        }
        return "The customer wrote in " + MailView.languageName(customer) + ", but the knowledge base has no matching article"
                + " in it, so the reply is in " + MailView.languageName(reply) + ".";
    }

    private List<String> others(String draftId) {
        String me = frame.user();
        return presence.viewers(draftId, Views.PRESENCE_WINDOW).stream().map(PresenceStore.Viewer::username)
                .filter(n -> !n.equals(me)).toList();
    }

    private List<Draft> readyQueue() {
        return drafts.queue(new QueueFilter(null, Set.of(DraftStatus.READY), null, 1000));
    }

    private static int indexOf(List<Draft> ready, String id) {
        for (int i = 0; i < ready.size(); i++) {
            if (ready.get(i).draftId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    static String reason(String reason, String note) {
        String free = note == null ? "" : note.strip();
        Reason picked = null;
        for (Reason r : Reason.values()) {
            if (r.value().equals(reason)) {
                picked = r;
            }
        }
        if (picked == null) {
            throw new IllegalArgumentException("Pick a reason for rejecting the draft.");
        }
        if (picked == Reason.OTHER) {
            if (free.isEmpty()) {
                throw new IllegalArgumentException("Say in a few words what was wrong with the draft.");
            }
            return free;
        }
        return free.isEmpty() ? picked.label : picked.label + ": " + free;
    }

    static String statusText(DraftStatus s) {
        return switch (s) {
            case QUEUED -> "Waiting to be drafted";
            case DRAFTING -> "Being drafted";
            case READY -> "Ready to review";
            case FAILED -> "Drafting failed";
            case STALE -> "Stale";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
        };
    }

    private Draft find(String id) {
        return drafts.find(id).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no draft " + id));
    }
}
