package io.mailtune.agent.store;

import io.agroal.api.AgroalDataSource;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.mailtune.core.sql.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every database the agent runs on must do, run against H2 and PostgreSQL alike: the same Flyway migrations,
 * idempotent storing, the drafting queue's leases, optimistic review decisions, the outbox and the reply queue.
 */
abstract class AgentStoreContract {

    /** A fresh, empty database's JDBC URL, user and password. */
    protected abstract String[] freshDatabase() throws Exception;

    private String[] connection;
    private AgroalDataSource dataSource;
    private Database db;
    private MutableClock clock;
    private EmailStore emails;
    private DraftStore drafts;
    private OutboxStore outbox;
    private ReplyStore replies;
    private ReviewHistoryStore history;

    @BeforeEach
    void open() throws Exception {
        connection = freshDatabase();
        dataSource = DatabasePool.open(connection[0], connection[1], connection[2], 8);
        db = new Database(dataSource, "agent database");
        clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        emails = new EmailStore(db, clock);
        drafts = new DraftStore(db, clock);
        outbox = new OutboxStore(db, clock);
        replies = new ReplyStore(db, clock);
        history = new ReviewHistoryStore(db);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void anEmailIsStoredOnceAndQueuesOneDraft() {
        InboundEmail email = Emails.customer("t1", "Where is my refund?", clock.instant());
        assertEquals(EmailStore.Stored.QUEUED_DRAFT, emails.store(email));
        assertEquals(EmailStore.Stored.DUPLICATE, emails.store(email));
        Draft draft = drafts.forEmail(email.emailId()).orElseThrow();
        assertEquals(DraftStatus.QUEUED, draft.status());
        assertEquals(1, drafts.counts(null).get(DraftStatus.QUEUED));
        assertEquals(email, emails.find(email.emailId()).orElseThrow().email());
    }

    @Test
    void aFlaggedEmailIsStoredAndVisibleButGetsNoDraft() {
        InboundEmail bounce = Emails.flagged("t2", new MailFlag(MailFlag.Kind.BOUNCE, "Content-Type: multipart/report"));
        assertEquals(EmailStore.Stored.FLAGGED, emails.store(bounce));
        assertTrue(drafts.forEmail(bounce.emailId()).isEmpty());
        assertEquals(List.of(bounce.emailId()), emails.flagged(null, 10).stream().map(StoredEmail::emailId).toList());
    }

    @Test
    void aNewerCustomerMessageMakesTheUndecidedDraftOfItsThreadStale() {
        InboundEmail first = Emails.customer("t3", "Where is my refund?", clock.instant());
        emails.store(first);
        clock.advance(Duration.ofMinutes(1));
        InboundEmail second = Emails.customer("t3", "Also, can I change the address?", clock.instant());
        emails.store(second);
        assertEquals(DraftStatus.STALE, drafts.forEmail(first.emailId()).orElseThrow().status());
        assertEquals(DraftStatus.QUEUED, drafts.forEmail(second.emailId()).orElseThrow().status());
        assertEquals(List.of(first.emailId(), second.emailId()), emails.thread("t3").stream().map(StoredEmail::emailId).toList());
    }

    @Test
    void twoOwnersNeverClaimTheSameDraft() throws Exception {
        for (int i = 0; i < 40; i++) {
            emails.store(Emails.customer("t-" + i, "question " + i, clock.instant()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Claim>>> futures = new ArrayList<>();
            for (int owner = 0; owner < 4; owner++) {
                String name = "instance-" + owner;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Claim> mine = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        mine.addAll(drafts.claim(name, Duration.ofMinutes(2), 3));
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<String> claimed = new HashSet<>();
            int total = 0;
            for (Future<List<Claim>> f : futures) {
                for (Claim c : f.get(60, TimeUnit.SECONDS)) {
                    claimed.add(c.draftId());
                    total++;
                }
            }
            assertEquals(40, claimed.size());
            assertEquals(40, total, "a draft was claimed by two owners");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOwnerClaimingWhileAnotherIsMidClaimTakesTheNextDraftInsteadOfWaitingForTheSameOne() throws Exception {
        emails.store(Emails.customer("t-mid-1", "first", clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        emails.store(Emails.customer("t-mid-2", "second", clock.instant()));
        String oldest = drafts.forEmail(emails.thread("t-mid-1").getFirst().emailId()).orElseThrow().draftId();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            // What another instance's claim holds between choosing the oldest draft and committing its lease.
            try (PreparedStatement s = other.prepareStatement("SELECT draft_id FROM agent_draft WHERE draft_id = ? FOR UPDATE")) {
                s.setString(1, oldest);
                s.executeQuery().close();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                List<Claim> mine = pool.submit(() -> drafts.claim("second-instance", Duration.ofMinutes(2), 1)).get(20, TimeUnit.SECONDS);
                assertEquals(1, mine.size(), "the draft nobody is claiming is taken");
                assertFalse(mine.getFirst().draftId().equals(oldest), "the draft another owner is claiming is left to it");
            } finally {
                other.rollback();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClaimWhoseLeaseExpiredIsTakenOverAndTheOldOwnerCannotFinishIt() {
        InboundEmail email = Emails.customer("t4", "help", clock.instant());
        emails.store(email);
        Claim dead = drafts.claim("killed", Duration.ofSeconds(30), 10).getFirst();
        assertTrue(drafts.claim("survivor", Duration.ofSeconds(30), 10).isEmpty(), "a live lease must not be taken");
        clock.advance(Duration.ofSeconds(31));
        Claim taken = drafts.claim("survivor", Duration.ofSeconds(30), 10).getFirst();
        assertEquals(2, taken.attempt());
        assertFalse(drafts.complete(dead, written("late")), "the killed owner's late result must be dropped");
        assertTrue(drafts.complete(taken, written("fresh")));
        Draft draft = drafts.find(taken.draftId()).orElseThrow();
        assertEquals(DraftStatus.READY, draft.status());
        assertEquals("fresh", draft.written().text());
        assertEquals("Hi {name}, {1}", draft.written().modelOutput(), "the model's raw output is kept for the approval");
        assertEquals(List.of("a#b/0"), draft.written().cited().stream().map(PromptPassage::chunkId).toList());
    }

    @Test
    void aRenewedLeaseIsNotTakenOverHoweverLongTheDraftTakes() {
        InboundEmail email = Emails.customer("t4b", "help", clock.instant());
        emails.store(email);
        Claim slow = drafts.claim("slow", Duration.ofSeconds(30), 10).getFirst();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(20));
            assertEquals(1, drafts.renew("slow", List.of(slow.draftId()), Duration.ofSeconds(30)));
            assertTrue(drafts.claim("other", Duration.ofSeconds(30), 10).isEmpty(), "a renewed lease must hold");
        }
        assertEquals(0, drafts.renew("other", List.of(slow.draftId()), Duration.ofSeconds(30)), "only the owner renews");
        assertTrue(drafts.complete(slow, written("finally")));
    }

    @Test
    void aFailedAttemptIsRetriedThenMarkedFailedWithItsReasonAndCanBeRegenerated() {
        InboundEmail email = Emails.customer("t5", "help", clock.instant());
        emails.store(email);
        Claim first = drafts.claim("a", Duration.ofMinutes(1), 1).getFirst();
        assertTrue(drafts.fail(first, "generator crashed", 2));
        assertEquals(DraftStatus.QUEUED, drafts.find(first.draftId()).orElseThrow().status());
        Claim second = drafts.claim("a", Duration.ofMinutes(1), 1).getFirst();
        assertTrue(drafts.fail(second, "generator crashed again", 2));
        Draft failed = drafts.find(first.draftId()).orElseThrow();
        assertEquals(DraftStatus.FAILED, failed.status());
        assertTrue(failed.failure().contains("generator crashed again"), failed.failure());
        assertFalse(drafts.regenerate(failed.draftId(), failed.version() - 1), "a stale version must change nothing");
        assertTrue(drafts.regenerate(failed.draftId(), failed.version()));
        assertEquals(DraftStatus.QUEUED, drafts.find(first.draftId()).orElseThrow().status());
    }

    @Test
    void ofTwoReviewersDecidingTheSameVersionExactlyOneWins() throws Exception {
        InboundEmail email = Emails.customer("t6", "help", clock.instant());
        emails.store(email);
        Claim claim = drafts.claim("a", Duration.ofMinutes(1), 1).getFirst();
        drafts.complete(claim, written("Here is how."));
        Draft ready = drafts.find(claim.draftId()).orElseThrow();
        AtomicInteger wins = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> both = new ArrayList<>();
            for (String reviewer : List.of("alice", "bob")) {
                both.add(pool.submit(() -> {
                    start.await();
                    boolean won = db.inTransaction(c -> DraftStore.decide(c, ready.draftId(), ready.version(), DraftStatus.APPROVED,
                            new ReviewRecord(reviewer, clock.instant(), "Here is how.", null)));
                    if (won) {
                        wins.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : both) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, wins.get());
        Draft decided = drafts.find(ready.draftId()).orElseThrow();
        assertEquals(DraftStatus.APPROVED, decided.status());
        assertEquals(ready.version() + 1, decided.version());
    }

    @Test
    void theQueueListsUndecidedDraftsOldestFirstAndFilters() {
        for (int i = 0; i < 3; i++) {
            emails.store(Emails.customer("q" + i, "question " + i, clock.instant()));
            clock.advance(Duration.ofMinutes(10));
        }
        List<Draft> queue = drafts.queue(QueueFilter.open());
        assertEquals(3, queue.size());
        assertTrue(queue.get(0).arrivedAt().isBefore(queue.get(2).arrivedAt()));
        assertEquals(2, drafts.queue(new QueueFilter(null, Set.of(), Duration.ofMinutes(15), 10)).size());
        assertEquals(0, drafts.queue(new QueueFilter("billing", Set.of(), null, 10)).size());
        assertEquals(0, drafts.queue(new QueueFilter(null, Set.of(DraftStatus.READY), null, 10)).size());
        assertNotNull(drafts.oldestWaiting().orElse(null));
    }

    @Test
    void outboxEventsWaitUntilPublishedAndAreReleasedAfterAFailure() {
        ReviewOutcome outcome = ReviewOutcome.builder().outcomeId(Ids.newId()).draftId("d").emailId("e").threadId("t")
                .mailbox("support").verdict(ReviewVerdict.REJECTED).reviewer("alice").draftedAt(clock.instant())
                .reviewedAt(clock.instant()).rejectReason("wrong article").build();
        db.inTransaction(c -> {
            OutboxStore.add(c, Topics.REVIEW_OUTCOMES, outcome.outcomeId(), outcome, clock.millis());
            return null;
        });
        List<OutboxEvent> batch = outbox.claim("relay-1", Duration.ofMinutes(1), 10);
        assertEquals(1, batch.size());
        assertEquals("t", batch.getFirst().key());
        assertTrue(outbox.claim("relay-2", Duration.ofMinutes(1), 10).isEmpty(), "a claimed event must not be claimed twice");
        outbox.failed(List.of(outcome.outcomeId()), "broker down");
        assertEquals(1, outbox.claim("relay-2", Duration.ofMinutes(1), 10).size());
        outbox.published(List.of(outcome.outcomeId()));
        assertEquals(0, outbox.pending());
        assertTrue(outbox.oldestPending().isEmpty());
    }

    @Test
    void aReplyWaitsForItsRetryTimeAndIsSentOnce() {
        db.inTransaction(c -> {
            ReplyStore.add(c, "r1", "d1", "support", "t", "Hello\n\nBest,\nAcme", clock.millis());
            return null;
        });
        OutgoingReply due = replies.claimDue("s1", Duration.ofMinutes(1), 10).getFirst();
        replies.retryAt(due.replyId(), "connection refused", clock.instant().plusSeconds(10));
        assertTrue(replies.claimDue("s1", Duration.ofMinutes(1), 10).isEmpty(), "not due yet");
        clock.advance(Duration.ofSeconds(11));
        OutgoingReply retry = replies.claimDue("s1", Duration.ofMinutes(1), 10).getFirst();
        assertEquals(1, retry.attempts());
        replies.sent(retry.replyId(), "<m@acme.example>");
        assertTrue(replies.claimDue("s1", Duration.ofMinutes(1), 10).isEmpty());
        assertEquals(OutgoingReply.SENT, replies.forDraft("d1").orElseThrow().status());
        assertEquals(1, replies.sentInThread("t").size());
    }

    @Test
    void usersAreUniqueAndPresenceShowsRecentViewers() {
        UserStore users = new UserStore(db, clock);
        assertTrue(users.create(new UserStore.User("alice", "$2a$hash", "reviewer")));
        assertFalse(users.create(new UserStore.User("alice", "$2a$other", "admin")));
        PresenceStore presence = new PresenceStore(db, clock);
        presence.heartbeat("d1", "alice");
        presence.heartbeat("d1", "alice");
        presence.heartbeat("d1", "bob");
        assertEquals(2, presence.viewers("d1", Duration.ofSeconds(30)).size());
        clock.advance(Duration.ofSeconds(31));
        presence.heartbeat("d1", "bob");
        assertEquals(List.of("bob"), presence.viewers("d1", Duration.ofSeconds(30)).stream().map(PresenceStore.Viewer::username).toList());
    }

    @Test
    void theDraftsOfAThreadAreListedOldestFirst() {
        emails.store(Emails.customer("th", "first", clock.instant()));
        clock.advance(Duration.ofMinutes(5));
        emails.store(Emails.customer("th", "second", clock.instant()));
        emails.store(Emails.customer("other", "elsewhere", clock.instant()));
        List<Draft> thread = drafts.inThread("th");
        assertEquals(List.of(DraftStatus.STALE, DraftStatus.QUEUED), thread.stream().map(Draft::status).toList());
        assertTrue(drafts.inThread("nobody").isEmpty());
    }

    @Test
    void queueSpansCoverOpenDecidedAndStaleDraftsOfTheWindow() {
        Instant t0 = clock.instant();
        InboundEmail decided = Emails.customer("s1", "decided", t0);
        emails.store(decided);
        clock.advance(Duration.ofMinutes(10));
        emails.store(Emails.customer("s2", "superseded", clock.instant()));
        clock.advance(Duration.ofMinutes(10));
        emails.store(Emails.customer("s2", "the newer message", clock.instant()));
        Claim claim = drafts.claim("a", Duration.ofMinutes(1), 1).getFirst();
        assertEquals(decided.emailId(), claim.emailId(), "the oldest draft is claimed first");
        drafts.complete(claim, written("Here is how."));
        clock.advance(Duration.ofMinutes(10));
        Draft ready = drafts.find(claim.draftId()).orElseThrow();
        db.inTransaction(c -> DraftStore.decide(c, ready.draftId(), ready.version(), DraftStatus.APPROVED,
                new ReviewRecord("alice", clock.instant(), "Here is how, edited.", null)));

        List<ReviewHistoryStore.QueueSpan> spans = history.queueSpans(t0, clock.instant());
        assertEquals(3, spans.size(), "decided, stale and open drafts: " + spans);
        assertEquals(new ReviewHistoryStore.QueueSpan(t0, t0.plus(Duration.ofMinutes(30))), spans.get(0));
        assertEquals(new ReviewHistoryStore.QueueSpan(t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofMinutes(20))), spans.get(1));
        assertNull(spans.get(2).leftAt(), "the newest draft is still open");
        assertTrue(spans.get(1).openAt(t0.plus(Duration.ofMinutes(15))));
        assertFalse(spans.get(1).openAt(t0.plus(Duration.ofMinutes(20))));
        assertEquals(1, history.queueSpans(t0.plus(Duration.ofMinutes(31)), clock.instant()).size(),
                "only the open draft was in the queue after the decision");
    }

    @Test
    void reviewedDraftsOfAWindowCarryTheDraftedAndTheSentText() {
        emails.store(Emails.customer("r1", "help", clock.instant()));
        emails.store(Emails.customer("r2", "help again", clock.instant()));
        for (Claim claim : drafts.claim("a", Duration.ofMinutes(1), 2)) {
            drafts.complete(claim, written("Drafted."));
        }
        List<Draft> ready = drafts.queue(new QueueFilter(null, Set.of(DraftStatus.READY), null, 10));
        Instant decidedAt = clock.instant();
        db.inTransaction(c -> DraftStore.decide(c, ready.get(0).draftId(), ready.get(0).version(), DraftStatus.APPROVED,
                new ReviewRecord("alice", decidedAt, "Drafted, and edited.", null)));
        clock.advance(Duration.ofMinutes(1));
        db.inTransaction(c -> DraftStore.decide(c, ready.get(1).draftId(), ready.get(1).version(), DraftStatus.REJECTED,
                new ReviewRecord("bob", clock.instant(), null, "wrong article")));
        List<ReviewHistoryStore.ReviewedDraft> reviewed = history.reviewed(decidedAt, clock.instant().plusMillis(1));
        assertEquals(2, reviewed.size());
        assertEquals(DraftStatus.APPROVED, reviewed.get(0).status());
        assertEquals("Drafted.", reviewed.get(0).draftText());
        assertEquals("Drafted, and edited.", reviewed.get(0).sentText());
        assertEquals("base", reviewed.get(0).adapterVersion());
        assertEquals(DraftStatus.REJECTED, reviewed.get(1).status());
        assertNull(reviewed.get(1).sentText());
        assertEquals(1, history.reviewed(decidedAt, clock.instant()).size(), "the window's end is exclusive");
    }

    @Test
    void reopeningAMigratedDatabaseRecordsTheMigrationOnce() throws Exception {
        AgroalDataSource again = DatabasePool.open(connection[0], connection[1], connection[2], 2);
        again.close();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'");
             ResultSet r = s.executeQuery()) {
            r.next();
            assertEquals(1, r.getInt(1));
        }
    }

    private WrittenDraft written(String text) {
        return WrittenDraft.builder(text, false).language("en")
                .prompt(List.of(new PromptPassage("a", "a#b/0", "A", null, "passage", 0.2, 0.6, true),
                        new PromptPassage("c", "c#d/0", "C", null, "other", 0.1, 0.3, false)), List.of())
                .confidence(new Confidence(0.2, 0.6, -0.1)).timings(new DraftTimings(10, 500, 100, 50, 100))
                .draftedAt(clock.instant()).modelOutput("Hi {name}, {1}").build();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
