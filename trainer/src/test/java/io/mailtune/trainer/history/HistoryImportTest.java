package io.mailtune.trainer.history;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.trainer.DemoApprovals;
import io.mailtune.trainer.TestDatabases;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DatasetRules;
import io.mailtune.trainer.dataset.DropReason;
import io.mailtune.trainer.dataset.StoredExample;
import io.mailtune.trainer.dataset.TrainingSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryImportTest {

    @TempDir
    Path dir;

    private static String message(String id, String inReplyTo, String from, String to, String subject, String date, String body,
                                  String... extraHeaders) {
        StringBuilder m = new StringBuilder("From " + from + " " + date + "\n");
        m.append("Message-ID: <").append(id).append(">\n");
        if (inReplyTo != null) {
            m.append("In-Reply-To: <").append(inReplyTo).append(">\nReferences: <").append(inReplyTo).append(">\n");
        }
        for (String h : extraHeaders) {
            m.append(h).append('\n');
        }
        m.append("From: ").append(from).append("\nTo: ").append(to).append("\nSubject: ").append(subject)
                .append("\nDate: ").append(date).append("\nContent-Type: text/plain; charset=UTF-8\n\n").append(body).append("\n\n");
        return m.toString();
    }

    private Path archive() throws Exception {
        String support = "Brightcart Support <support@brightcart.example>";
        String anna = "Anna Berg <anna.berg@example.com>";
        String ben = "Ben Ode <ben@example.org>";
        String mbox = message("q1@example.com", null, anna, support, "Refund for my lamp", "Mon, 02 Mar 2026 09:00:00 +0000",
                "Hello, I sent the floor lamp back last week and I still have no refund. My order is BC-482913. Can you check?")
                + message("a1@brightcart.example", "q1@example.com", support, anna, "Re: Refund for my lamp", "Mon, 02 Mar 2026 10:00:00 +0000",
                "Hi Anna,\n\nThanks for getting in touch about your refund. Refunds reach your card within five business days"
                        + " after the return arrives at our warehouse, and yours arrived on Friday.\n\nBest regards,\nJane\nBrightcart Support\n\n"
                        + "> Hello, I sent the floor lamp back last week and I still have no refund.")
                + message("q2@example.com", "a1@brightcart.example", anna, support, "Re: Refund for my lamp", "Mon, 02 Mar 2026 11:00:00 +0000",
                "Thanks! And can I change the delivery address of my other order to my office instead of my home address?")
                + message("a2@brightcart.example", "q2@example.com", support, anna, "Re: Refund for my lamp", "Mon, 02 Mar 2026 12:00:00 +0000",
                "Hi Anna,\n\nYou can change the delivery address under Orders > Edit delivery until the parcel has left our warehouse;"
                        + " after that the courier's tracking page lets you redirect it.\n\nBest regards,\nJane\nBrightcart Support")
                + message("ooo@example.org", null, ben, support, "Out of office", "Tue, 03 Mar 2026 09:00:00 +0000",
                "I am away until Monday and will read your message when I am back in the office again.", "Auto-Submitted: auto-replied")
                + message("q3@example.org", null, ben, support, "Voucher code", "Tue, 03 Mar 2026 10:00:00 +0000",
                "My voucher code is not accepted at checkout, it says expired but the email says it is valid until June.");
        Path file = dir.resolve("support.mbox");
        Files.writeString(file, mbox);
        return file;
    }

    @Test
    void eachStaffReplyIsPairedWithTheCustomerMessageItAnsweredAndScrubbed() throws Exception {
        TrainingSet set = new TrainingSet(TestDatabases.h2(), DatasetRules.defaults(DemoApprovals.DEMO_HAND_OFF), Clock.systemUTC());
        HistoryImport importer = new HistoryImport(set, Set.of(EmailAddress.of("support@brightcart.example")), dir.resolve("scratch"));
        HistoryReport report = importer.importArchive(archive(), ArchiveFormat.MBOX, "support");
        assertEquals(6, report.messages(), report.toString());
        assertEquals(2, report.pairs(), report + ": two answered questions; the auto-reply and the unanswered voucher question are no pairs");
        assertEquals(2, report.accepted(), report.toString());
        var stats = set.stats();
        assertEquals(2, stats.fromHistory());
        var snapshot = set.snapshot();
        List<StoredExample> examples = set.examples(java.util.stream.Stream.concat(snapshot.train().stream(), snapshot.holdout().stream())
                .map(m -> m.exampleId()).toList());
        StoredExample first = examples.stream().filter(e -> e.reply().contains("five business days")).findFirst().orElseThrow();
        assertTrue(first.customerMessage().contains("[ORDER]") && !first.customerMessage().contains("482913"), first.customerMessage());
        assertFalse(first.reply().contains("> Hello"), "the quoted question is not part of the reply: " + first.reply());
        assertEquals(Candidate.Source.HISTORY, first.source());
        StoredExample second = examples.stream().filter(e -> e.reply().contains("Edit delivery")).findFirst().orElseThrow();
        assertEquals(first.threadId(), second.threadId(), "one conversation, one side of the split");
        assertEquals(List.of(ThreadTurn.Author.CUSTOMER, ThreadTurn.Author.STAFF), second.history().stream().map(ThreadTurn::author).toList(),
                "the follow-up's prompt holds the earlier question and answer");
    }

    @Test
    void importingTheSameArchiveAgainAddsNothing() throws Exception {
        TrainingSet set = new TrainingSet(TestDatabases.h2(), DatasetRules.defaults(DemoApprovals.DEMO_HAND_OFF), Clock.systemUTC());
        HistoryImport importer = new HistoryImport(set, Set.of(EmailAddress.of("support@brightcart.example")), dir.resolve("scratch"));
        Path mbox = archive();
        importer.importArchive(mbox, ArchiveFormat.MBOX, "support");
        HistoryReport again = importer.importArchive(mbox, ArchiveFormat.of(mbox), "support");
        assertEquals(0, again.accepted());
        assertEquals(2, again.dropped().get(DropReason.DUPLICATE_ID));
    }
}
