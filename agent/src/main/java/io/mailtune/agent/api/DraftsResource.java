package io.mailtune.agent.api;

import io.mailtune.agent.review.Decision;
import io.mailtune.agent.review.DraftNotFoundException;
import io.mailtune.agent.review.ReviewDesk;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.PresenceStore;
import io.mailtune.agent.store.QueueFilter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The review queue and the actions on a draft. Every action names the draft version it was taken on. */
@Path("/api/drafts")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class DraftsResource {

    private final DraftStore drafts;
    private final ReviewDesk desk;
    private final PresenceStore presence;
    private final Views views;
    private final SecurityIdentity identity;

    DraftsResource(DraftStore drafts, ReviewDesk desk, PresenceStore presence, Views views, SecurityIdentity identity) {
        this.drafts = drafts;
        this.desk = desk;
        this.presence = presence;
        this.views = views;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The review queue, oldest email first, with counts per status")
    public QueueView queue(@QueryParam("mailbox") String mailbox, @QueryParam("status") List<String> statuses,
                           @QueryParam("olderThanMinutes") Integer olderThanMinutes,
                           @QueryParam("limit") @DefaultValue("100") int limit) {
        Set<DraftStatus> wanted = statuses == null ? Set.of() : statuses.stream()
                .flatMap(s -> java.util.Arrays.stream(s.split(","))).filter(s -> !s.isBlank())
                .map(DraftsResource::status).collect(Collectors.toSet());
        QueueFilter filter = new QueueFilter(mailbox == null || mailbox.isBlank() ? null : mailbox, wanted,
                olderThanMinutes == null ? null : Duration.ofMinutes(olderThanMinutes), limit);
        Map<String, Long> counts = new LinkedHashMap<>();
        drafts.counts(filter.mailbox()).forEach((s, n) -> counts.put(s.name(), n));
        return new QueueView(counts, drafts.queue(filter).stream().map(views::summary).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A draft with its email, thread, cited passages, confidence and who else has it open")
    public DraftView draft(@PathParam("id") String id) {
        return views.draft(find(id), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the draft as written, or edited when 'text' is given; the reply is sent once")
    @APIResponse(responseCode = "409", description = "the draft moved on from the version given (another reviewer acted first)")
    public Decision approve(@PathParam("id") String id, Requests.Approve body) {
        require(body, "a body with the draft's version");
        return desk.approve(id, body.version(), body.text(), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject the draft with a reason; nothing is sent")
    @APIResponse(responseCode = "409", description = "the draft moved on from the version given")
    public Decision reject(@PathParam("id") String id, Requests.Reject body) {
        require(body, "a body with the draft's version and a reason");
        return desk.reject(id, body.version(), body.reason(), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{id}/regenerate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write the draft again (also retries a failed draft); answers the new version")
    @APIResponse(responseCode = "409", description = "the draft moved on from the version given, or was decided")
    public Map<String, Object> regenerate(@PathParam("id") String id, Requests.Regenerate body) {
        require(body, "a body with the draft's version");
        return Map.of("draftId", id, "version", desk.regenerate(id, body.version()), "status", DraftStatus.QUEUED.name());
    }

    @PUT
    @Path("/{id}/presence")
    @Operation(summary = "Heartbeat: the caller has the draft open; answers who else has it open")
    public List<String> heartbeat(@PathParam("id") String id) {
        find(id);
        String me = identity.getPrincipal().getName();
        presence.heartbeat(id, me);
        return presence.viewers(id, Views.PRESENCE_WINDOW).stream().map(PresenceStore.Viewer::username)
                .filter(n -> !n.equals(me)).toList();
    }

    @GET
    @Path("/{id}/presence")
    @Operation(summary = "Who has the draft open (heartbeats within 30 s)")
    public List<PresenceStore.Viewer> viewers(@PathParam("id") String id) {
        return presence.viewers(id, Views.PRESENCE_WINDOW);
    }

    @DELETE
    @Path("/{id}/presence")
    @Operation(summary = "The caller closed the draft")
    public void leave(@PathParam("id") String id) {
        presence.leave(id, identity.getPrincipal().getName());
    }

    private Draft find(String id) {
        return drafts.find(id).orElseThrow(() -> new DraftNotFoundException(id));
    }

    private static DraftStatus status(String s) {
        try {
            return DraftStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status '" + s + "' is not one of " + java.util.Arrays.toString(DraftStatus.values()));
        }
    }

    private static void require(Object body, String what) {
        if (body == null) {
            throw new IllegalArgumentException("the request needs " + what);
        }
    }
}
