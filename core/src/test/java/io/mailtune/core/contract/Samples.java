package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.adapter.AdapterRolledBack;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.ForwardedMessage;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailClassification;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.reply.ThreadTurn;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated instances of every contract. */
final class Samples {

    static final String HASH = Hashing.sha256Hex("raw message");

    private Samples() {
    }

    /** A current record with every field set, forwarded messages and the classification included. */
    static InboundEmail inbound() {
        return InboundEmail.builder().emailId("e-2").mailbox("support").messageId("<m2@example.com>").threadId("t-1")
                .from(new EmailAddress("ann@example.com", "Ann Lee")).to(List.of(EmailAddress.of("help@acme.test")))
                .cc(List.of(EmailAddress.of("bob@example.com"))).subject("Fwd: Your invoice 1234")
                .normalisedText("> Which order is it about?\nThis one, see below.").sentAt(Instant.parse("2026-11-20T10:00:00Z"))
                .receivedAt(Instant.parse("2026-11-20T10:00:05Z")).inReplyTo("<m1r@acme.test>")
                .references(List.of("<m0@example.com>", "<m1r@acme.test>"))
                .raw(new RawMessageRef(HASH, 8192, "file:///var/mailtune/raw/" + HASH + ".eml"))
                .flags(List.of(new MailFlag(MailFlag.Kind.BOUNCE, "Content-Type: multipart/report"),
                        new MailFlag(MailFlag.Kind.AUTO_REPLY, "Auto-Submitted: auto-replied")))
                .attachments(List.of(new AttachmentInfo("invoice.pdf", "application/pdf", 2400, HASH, false)))
                .forwarded(List.of(new ForwardedMessage("Billing <billing@shop.example>", "Thu, 19 Nov 2026 08:00:00 +0000",
                        Instant.parse("2026-11-19T08:00:00Z"), "Your invoice 1234", "Please find your invoice attached.")))
                .classification(MailClassification.BOUNCE)
                .build();
    }

    /** The record version 1 wrote: no forwarded messages, no classification field. */
    static InboundEmail inboundV1() {
        return new InboundEmail(1, "e-1", "support", "<m1@example.com>", "t-1",
                new EmailAddress("ann@example.com", "Ann Lee"), List.of(EmailAddress.of("help@acme.test")), List.of(),
                "Where is my parcel?", "Hi, my order 1234 has not arrived.", Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:05Z"), null, List.of("<m0@example.com>"),
                new RawMessageRef(HASH, 4096, "file:///var/mailtune/raw/" + HASH + ".eml"),
                List.of(new MailFlag(MailFlag.Kind.AUTO_REPLY, "Auto-Submitted: auto-replied")),
                List.of(new AttachmentInfo("receipt.pdf", "application/pdf", 1200, HASH, false)));
    }

    /** What a version 1 writer wrote, read by today's code: the version 2 fields take their defaults. */
    static ApprovedReply approvedV1() {
        return new ApprovedReply(1, "r-1", "d-1", "e-1", "t-1", "support", "Where is my parcel?",
                "Hi, my order 1234 has not arrived.", "Hello Ann, parcels take 3 days.", "Hello Ann, parcels take 3-5 days.",
                "bob", 4, List.of(new Citation("shipping-times", "shipping-times#delivery", "Shipping times", "https://help.acme.test/shipping#delivery")),
                "2026-11-01T0900Z-ab12", Instant.parse("2026-11-20T10:00:06Z"), Instant.parse("2026-11-20T10:05:00Z"),
                null, "", List.of(), List.of(), false);
    }

    static ApprovedReply approved() {
        return ApprovedReply.builder().replyId("r-1").draftId("d-1").emailId("e-1").threadId("t-1").mailbox("support")
                .subject("Where is my parcel?").customerMessage("Hi, my order 1234 has not arrived.")
                .originalDraft("Hello Ann, parcels take 3 days.").sentText("Hello Ann, parcels take 3-5 days.")
                .reviewer("bob").editDistance(4)
                .citations(List.of(new Citation("shipping-times", "shipping-times#delivery", "Shipping times", "https://help.acme.test/shipping#delivery")))
                .adapterVersion("2026-11-01T0900Z-ab12")
                .draftedAt(Instant.parse("2026-11-20T10:00:06Z")).approvedAt(Instant.parse("2026-11-20T10:05:00Z"))
                .customer(new EmailAddress("ann@example.com", "Ann Lee")).language("en")
                .passages(List.of(new SourcePassage("shipping-times", "shipping-times#delivery", "Shipping times",
                        "https://help.acme.test/shipping#delivery", "Parcels arrive in 3-5 working days.", 0.031, 0.62)))
                .history(List.of(new ThreadTurn(ThreadTurn.Author.CUSTOMER, "I ordered on Monday.", Instant.parse("2026-11-18T09:00:00Z"))))
                .handOff(false)
                .modelOutput("Hello {name}, {1}")
                .build();
    }

    /** What a version 3 writer wrote, read by today's code: the model's raw output is absent. */
    static ApprovedReply approvedV3() {
        ApprovedReply a = approved();
        return new ApprovedReply(3, a.replyId(), a.draftId(), a.emailId(), a.threadId(), a.mailbox(), a.subject(),
                a.customerMessage(), a.originalDraft(), a.sentText(), a.reviewer(), a.editDistance(), a.citations(),
                a.adapterVersion(), a.draftedAt(), a.approvedAt(), a.customer(), a.language(), a.passages(), a.history(),
                a.handOff());
    }

    /** What a version 2 writer wrote, read by today's code: the passages' vector similarity is absent. */
    static ApprovedReply approvedV2() {
        ApprovedReply a = approved();
        return new ApprovedReply(2, a.replyId(), a.draftId(), a.emailId(), a.threadId(), a.mailbox(), a.subject(),
                a.customerMessage(), a.originalDraft(), a.sentText(), a.reviewer(), a.editDistance(), a.citations(),
                a.adapterVersion(), a.draftedAt(), a.approvedAt(), a.customer(), a.language(),
                a.passages().stream().map(p -> new SourcePassage(p.articleId(), p.chunkId(), p.title(), p.url(), p.text(),
                        p.score(), null)).toList(), a.history(), a.handOff());
    }

    static ReviewOutcome reviewed() {
        return ReviewOutcome.builder().outcomeId("o-1").draftId("d-1").emailId("e-1").threadId("t-1").mailbox("support")
                .verdict(ReviewVerdict.EDITED).adapterVersion("2026-11-01T0900Z-ab12").reviewer("bob")
                .editDistance(4).draftLength(31).rejectReason("").handOff(false)
                .draftedAt(Instant.parse("2026-11-20T10:00:06Z")).reviewedAt(Instant.parse("2026-11-20T10:05:00Z"))
                .build();
    }

    static AdapterRef adapter(String version) {
        return new AdapterRef(version, "mailtune-demo-base", "file:///var/mailtune/adapters/" + version, HASH);
    }

    static AdapterPromoted promoted() {
        return new AdapterPromoted(AdapterPromoted.SCHEMA_VERSION, adapter("v2"), "v1",
                Map.of("chrF", 61.5, "chrF.ciLow", 60.1), 200, Instant.parse("2026-11-21T03:00:00Z"));
    }

    static AdapterRolledBack rolledBack() {
        return new AdapterRolledBack(AdapterRolledBack.SCHEMA_VERSION, "v2", adapter("v1"), "edit distance doubled after promotion",
                Instant.parse("2026-11-22T03:00:00Z"));
    }

    static MailboxOwner owner() {
        return MailboxOwner.of("support", "agent-1:4242", MailboxOwner.Status.RUNNING, 7, "assigned", Instant.parse("2026-11-22T08:00:00Z"));
    }
}
