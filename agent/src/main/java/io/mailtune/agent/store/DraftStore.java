package io.mailtune.agent.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.core.sql.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drafts and the drafting queue. Claims are leases: a claim survives a crash only until its lease expires, after which
 * any instance may claim the draft again; finishing a draft checks that the lease is still ours, so a draft is written
 * into the store once even when two instances share the database. Every change increments the draft's version;
 * reviewer actions name the version they saw and change nothing when it moved on.
 */
public final class DraftStore {

    private static final String COLUMNS = "draft_id, email_id, thread_id, mailbox, status, version, arrived_at, queued_at,"
            + " attempts, failure, text, hand_off, language, passages, history, adapter_version, top_score, top_similarity,"
            + " mean_log_prob, queue_wait_ms, generation_ms, prompt_tokens, generated_tokens, tokens_per_second, drafted_at,"
            + " reviewer, reviewed_at, sent_text, reject_reason, model_output";
    /** Candidates read per draft wanted by a claim: room for other instances claiming from the head of the queue. */
    private static final int CANDIDATES_PER_CLAIM = 8;
    private static final String CLAIMABLE = "(status = 'QUEUED' OR (status = 'DRAFTING' AND lease_until < ?))";

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public DraftStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static void insertQueued(Connection c, String draftId, InboundEmail email, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_draft (draft_id, email_id, thread_id, mailbox, status,"
                + " version, queued_at, arrived_at, attempts, hand_off) VALUES (?, ?, ?, ?, 'QUEUED', 1, ?, ?, 0, FALSE)")) {
            s.setString(1, draftId);
            s.setString(2, email.emailId());
            s.setString(3, email.threadId());
            s.setString(4, email.mailbox());
            s.setLong(5, now);
            s.setLong(6, Math.min(now, email.receivedAt().toEpochMilli()));
            s.executeUpdate();
        }
    }

    /** Marks every undecided draft of the thread, other than the new email's, stale. */
    static int markThreadStale(Connection c, String threadId, String newEmailId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = 'STALE', version = version + 1,"
                + " lease_owner = NULL, lease_until = NULL WHERE thread_id = ? AND email_id <> ?"
                + " AND status IN ('QUEUED', 'DRAFTING', 'READY', 'FAILED')")) {
            s.setString(1, threadId);
            s.setString(2, newEmailId);
            return s.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} drafts, oldest first: queued ones and those whose lease expired (an instance died
     * mid-draft). Each candidate is locked on its own, skipping one another owner is claiming at that moment, so two
     * instances never hold the same draft and concurrent instances take different drafts rather than all but one
     * coming back empty-handed.
     */
    public List<Claim> claim(String owner, Duration lease, int limit) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT draft_id FROM agent_draft WHERE " + CLAIMABLE
                    + " ORDER BY queued_at, draft_id LIMIT ?")) {
                s.setLong(1, now);
                s.setInt(2, limit * CANDIDATES_PER_CLAIM);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(r.getString(1));
                    }
                }
            }
            List<Claim> claims = new ArrayList<>();
            // One row per lock: a locking query over several rows locks every row it reads on H2, not only those returned.
            try (PreparedStatement lock = c.prepareStatement("SELECT email_id, thread_id, attempts, arrived_at FROM agent_draft"
                    + " WHERE draft_id = ? AND " + CLAIMABLE + " FOR UPDATE SKIP LOCKED");
                 PreparedStatement take = c.prepareStatement("UPDATE agent_draft SET status = 'DRAFTING', lease_owner = ?,"
                         + " lease_until = ?, attempts = attempts + 1, version = version + 1 WHERE draft_id = ? AND " + CLAIMABLE)) {
                for (String id : candidates) {
                    if (claims.size() == limit) {
                        break;
                    }
                    lock.setString(1, id);
                    lock.setLong(2, now);
                    Claim claim;
                    try (ResultSet r = lock.executeQuery()) {
                        if (!r.next()) {
                            continue; // another owner is claiming it, or claimed it since
                        }
                        claim = new Claim(id, r.getString(1), r.getString(2), owner, r.getInt(3) + 1,
                                Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(now));
                    }
                    take.setString(1, owner);
                    take.setLong(2, now + lease.toMillis());
                    take.setString(3, id);
                    take.setLong(4, now);
                    // Still conditional: the lock makes the row ours, the condition checks nobody took it just before.
                    if (take.executeUpdate() == 1) {
                        claims.add(claim);
                    }
                }
            }
            return claims;
        });
    }

    /**
     * Extends this owner's leases on drafts it is still writing, so a lease expires only when its instance died or
     * stalled, never because generation was slow; returns how many leases were extended.
     */
    public int renew(String owner, java.util.Collection<String> draftIds, Duration lease) {
        if (draftIds.isEmpty()) {
            return 0;
        }
        long until = clock.millis() + lease.toMillis();
        return db.inTransaction(c -> {
            int renewed = 0;
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET lease_until = ? WHERE draft_id = ?"
                    + " AND status = 'DRAFTING' AND lease_owner = ?")) {
                for (String id : draftIds) {
                    s.setLong(1, until);
                    s.setString(2, id);
                    s.setString(3, owner);
                    renewed += s.executeUpdate();
                }
            }
            return renewed;
        });
    }

    /** Stores what was written, if the claim is still this owner's; false when the lease was lost (nothing changes). */
    public boolean complete(Claim claim, WrittenDraft written) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = 'READY', version = version + 1,"
                    + " lease_owner = NULL, lease_until = NULL, failure = NULL, text = ?, hand_off = ?, language = ?,"
                    + " passages = ?, history = ?, adapter_version = ?, top_score = ?, top_similarity = ?, mean_log_prob = ?,"
                    + " queue_wait_ms = ?, generation_ms = ?, prompt_tokens = ?, generated_tokens = ?, tokens_per_second = ?,"
                    + " drafted_at = ?, model_output = ? WHERE draft_id = ? AND status = 'DRAFTING' AND lease_owner = ?")) {
                s.setString(1, written.text());
                s.setBoolean(2, written.handOff());
                s.setString(3, written.language());
                s.setString(4, Json.write(written.passages()));
                s.setString(5, Json.write(written.history()));
                s.setString(6, written.adapterVersion());
                s.setDouble(7, written.confidence().topScore());
                s.setDouble(8, written.confidence().topSimilarity());
                s.setDouble(9, written.confidence().meanLogProb());
                s.setLong(10, written.timings().queueWaitMillis());
                s.setLong(11, written.timings().generationMillis());
                s.setInt(12, written.timings().promptTokens());
                s.setInt(13, written.timings().generatedTokens());
                s.setDouble(14, written.timings().tokensPerSecond());
                s.setLong(15, written.draftedAt().toEpochMilli());
                s.setString(16, written.modelOutput());
                s.setString(17, claim.draftId());
                s.setString(18, claim.owner());
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records a failed attempt: queued again while attempts remain, else FAILED with the reason. False when the lease
     * was lost.
     */
    public boolean fail(Claim claim, String reason, int maxAttempts) {
        boolean retry = claim.attempt() < maxAttempts;
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = ?, version = version + 1,"
                    + " lease_owner = NULL, lease_until = NULL, failure = ? WHERE draft_id = ? AND status = 'DRAFTING'"
                    + " AND lease_owner = ?")) {
                s.setString(1, retry ? DraftStatus.QUEUED.name() : DraftStatus.FAILED.name());
                s.setString(2, "attempt " + claim.attempt() + " of " + maxAttempts + ": " + truncate(reason, 4000));
                s.setString(3, claim.draftId());
                s.setString(4, claim.owner());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Gives a claim back unwritten (shutting down, generator full): queued again without counting an attempt. */
    public void release(Claim claim) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = 'QUEUED', version = version + 1,"
                    + " lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE draft_id = ?"
                    + " AND status = 'DRAFTING' AND lease_owner = ?")) {
                s.setString(1, claim.draftId());
                s.setString(2, claim.owner());
                return s.executeUpdate();
            }
        });
    }

    /**
     * Queues a written, failed or stale-free draft again for a new attempt (a reviewer's "regenerate"), if it is still at
     * {@code version} and undecided. False when the version moved on or the draft was decided.
     */
    public boolean regenerate(String draftId, long version) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = 'QUEUED', version = version + 1,"
                    + " queued_at = ?, attempts = 0, failure = NULL, text = NULL, drafted_at = NULL"
                    + " WHERE draft_id = ? AND version = ? AND status IN ('READY', 'FAILED')")) {
                s.setLong(1, clock.millis());
                s.setString(2, draftId);
                s.setLong(3, version);
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records a reviewer's decision inside the caller's transaction, if the draft is READY at {@code version}; false
     * when another reviewer (or a redraft) got there first.
     */
    public static boolean decide(Connection c, String draftId, long version, DraftStatus decision, ReviewRecord review)
            throws SQLException {
        if (!decision.reviewed()) {
            throw new IllegalArgumentException("a review decides APPROVED or REJECTED, not " + decision);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE agent_draft SET status = ?, version = version + 1, reviewer = ?,"
                + " reviewed_at = ?, sent_text = ?, reject_reason = ? WHERE draft_id = ? AND version = ? AND status = 'READY'")) {
            s.setString(1, decision.name());
            s.setString(2, review.reviewer());
            s.setLong(3, review.reviewedAt().toEpochMilli());
            s.setString(4, review.sentText());
            s.setString(5, review.rejectReason());
            s.setString(6, draftId);
            s.setLong(7, version);
            return s.executeUpdate() == 1;
        }
    }

    /** The draft with this id. */
    public Optional<Draft> find(String draftId) {
        return db.inTransaction(c -> find(c, draftId));
    }

    /** The draft with this id, inside a transaction. */
    public static Optional<Draft> find(Connection c, String draftId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_draft WHERE draft_id = ?")) {
            s.setString(1, draftId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /** The draft answering an email. */
    public Optional<Draft> forEmail(String emailId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_draft WHERE email_id = ?")) {
                s.setString(1, emailId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Draft>empty();
                }
            }
        });
    }

    /** Every draft of a conversation, oldest email first (a stale draft links to the one that replaced it). */
    public List<Draft> inThread(String threadId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_draft WHERE thread_id = ?"
                    + " ORDER BY arrived_at, draft_id")) {
                s.setString(1, threadId);
                List<Draft> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    /** The review queue: matching drafts, oldest email first. */
    public List<Draft> queue(QueueFilter filter) {
        return db.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM agent_draft WHERE status IN (")
                    .append(filter.statuses().stream().map(x -> "'" + x.name() + "'").sorted().collect(Collectors.joining(", ")))
                    .append(")");
            if (filter.mailbox() != null) {
                sql.append(" AND mailbox = ?");
            }
            if (filter.olderThan() != null) {
                sql.append(" AND arrived_at <= ?");
            }
            sql.append(" ORDER BY arrived_at, draft_id LIMIT ?");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (filter.mailbox() != null) {
                    s.setString(i++, filter.mailbox());
                }
                if (filter.olderThan() != null) {
                    s.setLong(i++, clock.millis() - filter.olderThan().toMillis());
                }
                s.setInt(i, filter.limit());
                List<Draft> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    /** How many drafts are in each status (of one mailbox, or all when null). */
    public Map<DraftStatus, Long> counts(String mailbox) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM agent_draft"
                    + (mailbox == null ? "" : " WHERE mailbox = ?") + " GROUP BY status")) {
                if (mailbox != null) {
                    s.setString(1, mailbox);
                }
                Map<DraftStatus, Long> out = new EnumMap<>(DraftStatus.class);
                for (DraftStatus status : DraftStatus.values()) {
                    out.put(status, 0L);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(DraftStatus.valueOf(r.getString(1)), r.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** When the oldest draft still waiting to be written arrived, or empty when none waits. */
    public Optional<Instant> oldestWaiting() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT MIN(arrived_at) FROM agent_draft WHERE status IN ('QUEUED', 'DRAFTING', 'READY')")) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long min = r.getLong(1);
                    return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(min));
                }
            }
        });
    }

    private static Draft read(ResultSet r) throws SQLException {
        WrittenDraft written = null;
        String text = r.getString("text");
        if (text != null) {
            written = WrittenDraft.builder(text, r.getBoolean("hand_off")).language(r.getString("language"))
                    .prompt(Json.read(r.getString("passages"), new TypeReference<List<PromptPassage>>() { }),
                            Json.read(r.getString("history"), new TypeReference<List<ThreadTurn>>() { }))
                    .adapterVersion(r.getString("adapter_version"))
                    .confidence(new Confidence(r.getDouble("top_score"), r.getDouble("top_similarity"), r.getDouble("mean_log_prob")))
                    .timings(new DraftTimings(r.getLong("queue_wait_ms"), r.getLong("generation_ms"), r.getInt("prompt_tokens"),
                            r.getInt("generated_tokens"), r.getDouble("tokens_per_second")))
                    .draftedAt(Instant.ofEpochMilli(r.getLong("drafted_at"))).modelOutput(r.getString("model_output")).build();
        }
        ReviewRecord review = null;
        String reviewer = r.getString("reviewer");
        if (reviewer != null) {
            review = new ReviewRecord(reviewer, Instant.ofEpochMilli(r.getLong("reviewed_at")), r.getString("sent_text"),
                    r.getString("reject_reason"));
        }
        return new Draft(r.getString("draft_id"), r.getString("email_id"), r.getString("thread_id"), r.getString("mailbox"),
                DraftStatus.valueOf(r.getString("status")), r.getLong("version"), Instant.ofEpochMilli(r.getLong("arrived_at")),
                Instant.ofEpochMilli(r.getLong("queued_at")), r.getInt("attempts"), r.getString("failure"), written, review);
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
