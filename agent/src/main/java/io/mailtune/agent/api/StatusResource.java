package io.mailtune.agent.api;

import io.mailtune.agent.adapters.AdapterFollower;
import io.mailtune.agent.adapters.AdapterStatus;
import io.mailtune.agent.drafting.DraftingPool;
import io.mailtune.agent.drafting.KnowledgeBaseHost;
import io.mailtune.agent.drafting.ModelHost;
import io.mailtune.agent.mail.MailHost;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.OutboxStore;
import io.mailtune.agent.store.ReplyStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/** What this instance runs: model and adapter, knowledge base, mailboxes, drafting and delivery backlogs. */
@Path("/api/status")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final ModelHost model;
    private final AdapterFollower adapters;
    private final KnowledgeBaseHost kb;
    private final MailHost mail;
    private final DraftingPool pool;
    private final OutboxStore outbox;
    private final ReplyStore replies;

    StatusResource(ModelHost model, AdapterFollower adapters, KnowledgeBaseHost kb, MailHost mail, DraftingPool pool,
                   OutboxStore outbox, ReplyStore replies) {
        this.model = model;
        this.adapters = adapters;
        this.kb = kb;
        this.mail = mail;
        this.pool = pool;
        this.outbox = outbox;
        this.replies = replies;
    }

    @GET
    @Operation(summary = "The instance's model, adapter, knowledge base, mailboxes and backlogs")
    public Map<String, Object> status() {
        AdapterStatus a = adapters.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("baseModel", model.baseModel());
        out.put("adapter", a);
        out.put("knowledgeBase", Map.of("folder", kb.folder().toString(), "passages", kb.passages(),
                "lastSync", kb.lastSync() == null ? "" : kb.lastSync().summary()));
        Map<String, String> mailboxes = new LinkedHashMap<>();
        mail.states().forEach((k, v) -> mailboxes.put(k, v.toString()));
        out.put("mailboxes", mailboxes);
        out.put("hostedMailboxes", mail.hostedMailboxes());
        out.put("draftsInFlight", pool.inFlight());
        out.put("outboxPending", outbox.pending());
        out.put("repliesPending", replies.pending());
        return out;
    }
}
