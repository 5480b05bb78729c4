package io.mailtune.agent.api;

import io.mailtune.agent.drafting.Company;
import io.mailtune.agent.mail.MailHost;
import io.mailtune.agent.mail.RawParts;
import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.OutgoingReply;
import io.mailtune.agent.store.PresenceStore;
import io.mailtune.agent.store.ReplyStore;
import io.mailtune.agent.store.StoredEmail;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.NormalisedMessage;
import io.mailtune.ingest.mime.RejectedMessageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds what the API answers from the stores and the raw messages. */
@ApplicationScoped
public class Views {

    /** How recent a heartbeat must be for a reviewer to count as viewing a draft. */
    public static final Duration PRESENCE_WINDOW = Duration.ofSeconds(30);

    private final EmailStore emails;
    private final ReplyStore replies;
    private final PresenceStore presence;
    private final MailHost mail;
    private final Company company;
    private final Clock clock;

    Views(EmailStore emails, ReplyStore replies, PresenceStore presence, MailHost mail, Company company, Clock clock) {
        this.emails = emails;
        this.replies = replies;
        this.presence = presence;
        this.mail = mail;
        this.company = company;
        this.clock = clock;
    }

    /** The queue line of a draft. */
    public DraftSummary summary(Draft d) {
        return DraftSummary.of(d, emails.find(d.emailId()).orElse(null), clock.instant());
    }

    /** A draft's full view for {@code viewer} (who is left out of the other viewers). */
    public DraftView draft(Draft d, String viewer) {
        StoredEmail email = emails.find(d.emailId()).orElseThrow(() -> new IllegalStateException("draft " + d.draftId()
                + " answers email " + d.emailId() + ", which is not stored"));
        var w = d.written();
        List<String> viewers = presence.viewers(d.draftId(), PRESENCE_WINDOW).stream().map(PresenceStore.Viewer::username)
                .filter(name -> !name.equals(viewer)).toList();
        DraftView.ReplyView reply = replies.forDraft(d.draftId()).map(Views::reply).orElse(null);
        return new DraftView(DraftSummary.of(d, email, clock.instant()), w == null ? null : w.text(),
                company.profile().signature(), w == null ? null : w.language(), w == null ? List.of() : w.passages(),
                w == null ? null : w.confidence(), w == null ? null : w.timings(), w == null ? null : w.draftedAt(),
                email(email), thread(email.email()), d.review(), reply, viewers);
    }

    private static DraftView.ReplyView reply(OutgoingReply r) {
        return new DraftView.ReplyView(r.replyId(), r.status(), r.attempts(), r.lastError(), r.messageId(), r.sentAt());
    }

    /** The thread of an email, oldest first: customer messages and replies sent. */
    public List<DraftView.ThreadMessage> thread(InboundEmail email) {
        List<DraftView.ThreadMessage> out = new ArrayList<>();
        for (StoredEmail e : emails.thread(email.threadId())) {
            out.add(new DraftView.ThreadMessage("customer", e.emailId(), e.email().normalisedText(), e.email().receivedAt()));
        }
        replies.sentInThread(email.threadId()).forEach(t -> out.add(new DraftView.ThreadMessage("staff", null, t.text(), t.at())));
        out.sort(Comparator.comparing(m -> m.at() == null ? Instant.EPOCH : m.at()));
        return out;
    }

    /** An email's thread-view data: new text, folded history, files, flags. */
    public EmailView email(StoredEmail stored) {
        InboundEmail e = stored.email();
        String base = "/api/emails/" + e.emailId();
        String fullText = null;
        List<EmailView.AttachmentView> files = new ArrayList<>();
        byte[] raw = raw(e);
        if (raw != null) {
            try {
                NormalisedMessage parsed = new MessageNormaliser(MessageLimits.DEFAULT).normalise(raw);
                fullText = parsed.fullText().strip().equals(e.normalisedText().strip()) ? null : parsed.fullText();
            } catch (RejectedMessageException | RuntimeException unreadable) {
                fullText = null;
            }
            try {
                for (RawParts.File f : RawParts.files(raw)) {
                    files.add(new EmailView.AttachmentView(f.index(), f.fileName(), f.contentType(), f.bytes().length, f.inline(),
                            base + "/attachments/" + f.index()));
                }
            } catch (IllegalArgumentException unreadable) {
                files = List.of();
            }
        }
        return new EmailView(e.emailId(), e.mailbox(), e.threadId(), e.messageId(), e.from().address(), e.from().displayName(),
                e.to().stream().map(EmailAddress::address).toList(), e.subject(), e.normalisedText(), fullText, e.sentAt(),
                e.receivedAt(), e.flags().stream().map(f -> f.kind() + ": " + f.reason()).toList(), files, base + "/raw");
    }

    /** The raw bytes of an email, or null when the store no longer has them. */
    public byte[] raw(InboundEmail e) {
        try {
            return mail.rawMessages().read(e.raw());
        } catch (RuntimeException missing) {
            return null;
        }
    }
}
