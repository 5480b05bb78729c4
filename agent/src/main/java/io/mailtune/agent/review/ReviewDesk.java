package io.mailtune.agent.review;

import io.mailtune.agent.drafting.Company;
import io.mailtune.agent.drafting.DraftingPool;
import io.mailtune.agent.sending.Signature;
import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.OutboxStore;
import io.mailtune.agent.store.PromptPassage;
import io.mailtune.agent.store.ReplyStore;
import io.mailtune.agent.store.ReviewRecord;
import io.mailtune.agent.store.StoredEmail;
import io.mailtune.agent.store.WrittenDraft;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.mailtune.core.sql.Database;
import io.mailtune.core.text.EditDistance;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Reviewers' actions on drafts. An approval, its reply to send, its {@code ApprovedReply} and its {@code ReviewOutcome}
 * commit in one transaction (the outbox relay publishes the events, the sender sends the reply); a rejection and its
 * outcome likewise. Each action names the draft version the reviewer saw: when it moved on, nothing changes and
 * {@link VersionConflictException} says so, so of two reviewers exactly one wins.
 */
@ApplicationScoped
public class ReviewDesk {

    private final Database db;
    private final DraftStore drafts;
    private final EmailStore emails;
    private final Company company;
    private final DraftingPool pool;
    private final Clock clock;
    private final MeterRegistry registry;

    ReviewDesk(Database db, DraftStore drafts, EmailStore emails, Company company, DraftingPool pool, Clock clock,
               MeterRegistry registry) {
        this.db = db;
        this.drafts = drafts;
        this.emails = emails;
        this.company = company;
        this.pool = pool;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Approves the draft at {@code version}, as drafted ({@code editedText} null or equal) or edited, and queues the
     * reply; the signature is appended once when sent.
     */
    public Decision approve(String draftId, long version, String editedText, String reviewer) {
        Draft draft = ready(draftId, version);
        StoredEmail email = emails.find(draft.emailId()).orElseThrow(() -> new DraftNotFoundException(draftId));
        String signature = company.profile().signature();
        String drafted = draft.written().text();
        String sent = Signature.strip(editedText == null ? drafted : editedText, signature);
        if (sent.isBlank()) {
            throw new IllegalArgumentException("the reply to send is empty; write a reply or reject the draft");
        }
        int distance = EditDistance.levenshtein(drafted, sent);
        ReviewVerdict verdict = distance == 0 ? ReviewVerdict.APPROVED : ReviewVerdict.EDITED;
        Instant now = clock.instant();
        String replyId = Ids.newId();
        String outcomeId = Ids.newId();
        ApprovedReply approved = approvedReply(draft, email.email(), replyId, sent, reviewer, distance, now);
        ReviewOutcome outcome = outcome(draft, email.email(), outcomeId, verdict, reviewer, distance, "", now);
        db.inTransaction(c -> {
            decide(c, draft, DraftStatus.APPROVED, new ReviewRecord(reviewer, now, sent, null));
            ReplyStore.add(c, replyId, draftId, draft.mailbox(), draft.threadId(), Signature.append(sent, signature), now.toEpochMilli());
            OutboxStore.add(c, Topics.APPROVED, replyId, approved, now.toEpochMilli());
            OutboxStore.add(c, Topics.REVIEW_OUTCOMES, outcomeId, outcome, now.toEpochMilli());
            return null;
        });
        registry.counter("mailtune.drafts.reviewed", "verdict", verdict.name().toLowerCase(java.util.Locale.ROOT),
                "adapter", draft.written().adapterVersion()).increment();
        return new Decision(draftId, verdict, version + 1, replyId, outcomeId);
    }

    /** Rejects the draft at {@code version} with a reason; nothing is sent. */
    public Decision reject(String draftId, long version, String reason, String reviewer) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason (it teaches the trainer what was wrong)");
        }
        Draft draft = ready(draftId, version);
        StoredEmail email = emails.find(draft.emailId()).orElseThrow(() -> new DraftNotFoundException(draftId));
        Instant now = clock.instant();
        String outcomeId = Ids.newId();
        ReviewOutcome outcome = outcome(draft, email.email(), outcomeId, ReviewVerdict.REJECTED, reviewer, 0, reason.strip(), now);
        db.inTransaction(c -> {
            decide(c, draft, DraftStatus.REJECTED, new ReviewRecord(reviewer, now, null, reason.strip()));
            OutboxStore.add(c, Topics.REVIEW_OUTCOMES, outcomeId, outcome, now.toEpochMilli());
            return null;
        });
        registry.counter("mailtune.drafts.reviewed", "verdict", "rejected", "adapter", draft.written().adapterVersion()).increment();
        return new Decision(draftId, ReviewVerdict.REJECTED, version + 1, null, outcomeId);
    }

    /** Queues the draft at {@code version} (written or failed) to be written again; returns its new version. */
    public long regenerate(String draftId, long version) {
        Draft draft = drafts.find(draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
        if (!drafts.regenerate(draftId, version)) {
            Draft now = drafts.find(draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
            throw new VersionConflictException(draftId, version, now.version(), now.status().name());
        }
        pool.wake();
        return draft.version() + 1;
    }

    private Draft ready(String draftId, long version) {
        Draft draft = drafts.find(draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
        if (draft.version() != version || draft.status() != DraftStatus.READY || draft.written() == null) {
            throw new VersionConflictException(draftId, version, draft.version(), draft.status().name());
        }
        return draft;
    }

    private void decide(Connection c, Draft draft, DraftStatus decision, ReviewRecord review) throws SQLException {
        if (!DraftStore.decide(c, draft.draftId(), draft.version(), decision, review)) {
            Draft now = DraftStore.find(c, draft.draftId()).orElseThrow(() -> new DraftNotFoundException(draft.draftId()));
            throw new VersionConflictException(draft.draftId(), draft.version(), now.version(), now.status().name());
        }
    }

    private static ApprovedReply approvedReply(Draft draft, InboundEmail email, String replyId, String sent, String reviewer,
                                               int distance, Instant now) {
        WrittenDraft written = draft.written();
        return ApprovedReply.builder()
                .replyId(replyId).draftId(draft.draftId()).emailId(email.emailId()).threadId(email.threadId())
                .mailbox(email.mailbox()).subject(email.subject()).customerMessage(email.normalisedText())
                .originalDraft(written.text()).sentText(sent).reviewer(reviewer).editDistance(distance)
                .citations(written.cited().stream().map(PromptPassage::citation).toList())
                .adapterVersion(written.adapterVersion()).draftedAt(written.draftedAt()).approvedAt(now)
                .customer(email.from()).language(written.language())
                .passages(written.passages().stream().map(PromptPassage::source).toList())
                .history(written.history()).handOff(written.handOff()).modelOutput(written.modelOutput())
                .build();
    }

    private static ReviewOutcome outcome(Draft draft, InboundEmail email, String outcomeId, ReviewVerdict verdict,
                                         String reviewer, int distance, String reason, Instant now) {
        WrittenDraft written = draft.written();
        return ReviewOutcome.builder()
                .outcomeId(outcomeId).draftId(draft.draftId()).emailId(email.emailId()).threadId(email.threadId())
                .mailbox(email.mailbox()).verdict(verdict).adapterVersion(written.adapterVersion()).reviewer(reviewer)
                .editDistance(distance).draftLength(written.text().length()).rejectReason(reason)
                .handOff(written.handOff()).draftedAt(written.draftedAt()).reviewedAt(now)
                .build();
    }
}
