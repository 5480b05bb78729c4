package io.mailtune.ingest.store;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.mime.MailHeaders;
import io.mailtune.ingest.mime.NormalisedMessage;
import io.mailtune.ingest.mime.RejectionReason;
import io.mailtune.ingest.thread.ThreadIndex;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest state's behaviour, run against every supported database. */
abstract class IngestStateContract {

    /** A database with the schema, fresh for the test class. */
    abstract IngestDatabase database();

    @Test
    void aCheckpointIsSavedAndAdvancedPerMailboxAndFolder() {
        CheckpointStore store = new CheckpointStore(database());
        assertTrue(store.find("cp", "INBOX").isEmpty());
        store.save("cp", "INBOX", new Checkpoint(7, 10));
        store.save("cp", "INBOX", new Checkpoint(7, 12));
        store.save("cp", "Sales", new Checkpoint(9, 3));
        assertEquals(new Checkpoint(7, 12), store.find("cp", "INBOX").orElseThrow());
        assertEquals(new Checkpoint(9, 3), store.find("cp", "Sales").orElseThrow());
        assertTrue(store.find("other", "INBOX").isEmpty());
    }

    @Test
    void aReusedMessageIdWithDifferentContentIsNotADuplicate() {
        IngestDatabase db = database();
        SeenMessages seen = new SeenMessages(db);
        String a = Hashing.sha256Hex("a");
        db.inTransaction(c -> {
            seen.record(c, "dd", "<m@x>", a, "e1", "t1");
            seen.record(c, "dd", "<m@x>", a, "e1", "t1");
            return null;
        });
        assertTrue(seen.contains("dd", "<m@x>", a));
        assertFalse(seen.contains("dd", "<m@x>", Hashing.sha256Hex("b")));
        assertFalse(seen.contains("other", "<m@x>", a), "dedupe is per mailbox");
    }

    @Test
    void rejectionsAreRecordedOnceAndListed() {
        Rejections rejections = new Rejections(database());
        Rejection r = new Rejection("rej-1", "rj", "imap:INBOX/uid:4", RejectionReason.ZIP_BOMB, "logs.zip inflates beyond 1 GB",
                Hashing.sha256Hex("raw"), 1234, "file:///tmp/raw.eml", Instant.ofEpochMilli(1_700_000_000_000L));
        rejections.recordOnce(r);
        rejections.recordOnce(r);
        assertEquals(List.of(r), rejections.list("rj"));
    }

    @Test
    void threadsFollowReferencesAndOurOwnRepliesButNotAnotherCustomersSubject() {
        IngestDatabase db = database();
        ThreadIndex threads = new ThreadIndex(Duration.ofDays(90));
        String first = db.inTransaction(c -> threads.assign(c, "th", message("<a1@ann>", "[#77] Refund", null, "ann@x.example"), "ann@x.example"));
        db.inTransaction(c -> {
            threads.recordOutbound(c, "th", "<our-reply@acme>", first, "Re: [#77] Refund", "ann@x.example");
            return null;
        });
        String answer = db.inTransaction(c -> threads.assign(c, "th", message("<a2@ann>", "Re: [#77] Refund", "<our-reply@acme>", "ann@x.example"), "ann@x.example"));
        String otherClient = db.inTransaction(c -> threads.assign(c, "th", message("<a3@ann>", "RE: [#77] Refund", null, "ann@x.example"), "ann@x.example"));
        String stranger = db.inTransaction(c -> threads.assign(c, "th", message("<b1@bob>", "Re: [#77] Refund", null, "bob@y.example"), "bob@y.example"));
        assertEquals(first, answer, "In-Reply-To our reply joins the thread");
        assertEquals(first, otherClient, "same subject and customer joins without headers");
        assertNotEquals(first, stranger, "another customer's mail never joins by subject");
    }

    @Test
    void anErasedCustomersThreadsAreForgottenAndTheirNextMessageStartsANewOne() {
        IngestDatabase db = database();
        ThreadIndex threads = new ThreadIndex(Duration.ofDays(90));
        String erin = db.inTransaction(c -> threads.assign(c, "er", message("<e1@erin>", "Refund", null, "erin@z.example"), "erin@z.example"));
        String finn = db.inTransaction(c -> threads.assign(c, "er", message("<e1@finn>", "Refund", null, "finn@z.example"), "finn@z.example"));
        assertEquals(1, (int) db.inTransaction(c -> ThreadIndex.forgetCustomer(c, " ERIN@z.example")), "matched case-insensitively");
        String again = db.inTransaction(c -> threads.assign(c, "er", message("<e1@erin>", "Refund", null, "erin@z.example"), "erin@z.example"));
        assertNotEquals(erin, again, "nothing of the erased thread is left to join");
        assertEquals(finn, db.inTransaction(c -> threads.assign(c, "er", message("<e2@finn>", "Re: Refund", "<e1@finn>", "finn@z.example"), "finn@z.example")),
                "another customer's thread stays");
    }

    @Test
    void logPositionsAreKeptPerMailboxAndNeverMoveBack() {
        IngestDatabase db = database();
        assertEquals(Map.of(0, 5L, 1, 9L), PublishedLog.registerMailbox(db, "pos-a", () -> Map.of(0, 5L, 1, 9L)));
        assertEquals(Map.of(0, 7L, 1, 9L), PublishedLog.registerMailbox(db, "pos-b", () -> Map.of(0, 7L, 1, 9L)));
        assertEquals(Map.of(0, 5L, 1, 9L), PublishedLog.registerMailbox(db, "pos-a", () -> Map.of(0, 100L, 1, 100L)),
                "a mailbox with positions keeps them");
        db.inTransaction(c -> {
            PublishedLog.advance(c, "pos-a", Map.of(0, 12L, 1, 3L, 2, 4L));
            return null;
        });
        assertEquals(Map.of(0, 12L, 1, 9L, 2, 4L), db.inTransaction(c -> PublishedLog.positions(c, "pos-a")));
        assertEquals(Map.of(0, 7L, 1, 9L), db.inTransaction(c -> PublishedLog.positions(c, "pos-b")), "the other mailbox is untouched");
    }

    @Test
    void theStoreIdentityIsRegisteredOnceAndKeptFromThenOn() {
        IngestDatabase db = database();
        String identity = PublishedLog.identity(db);
        assertEquals(identity, PublishedLog.identity(db));
        assertEquals(identity, db.inTransaction(PublishedLog::publisherId).orElseThrow());
    }

    private static NormalisedMessage message(String id, String subject, String inReplyTo, String from) {
        return NormalisedMessage.builder().messageId(id).from(EmailAddress.of(from)).subject(subject).fullText("text")
                .normalisedText("text").inReplyTo(inReplyTo).references(inReplyTo == null ? List.of() : List.of(inReplyTo))
                .headers(new MailHeaders(Map.of())).contentHash(Hashing.sha256Hex(id)).rawSha256(Hashing.sha256Hex(id)).rawSize(10).build();
    }
}
