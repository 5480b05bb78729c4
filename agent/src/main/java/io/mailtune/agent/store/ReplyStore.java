package io.mailtune.agent.store;

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
import java.util.List;
import java.util.Optional;

/**
 * Approved replies waiting for SMTP, written in the approval's transaction so none is lost. Senders claim due replies
 * with a lease; a failure schedules a retry with backoff.
 */
public final class ReplyStore {

    private static final String COLUMNS = "reply_id, draft_id, mailbox, thread_id, body, status, attempts, last_error,"
            + " message_id, sent_at";

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public ReplyStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds a reply to send inside the caller's (approval's) transaction. */
    public static void add(Connection c, String replyId, String draftId, String mailbox, String threadId, String body, long now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_reply (reply_id, draft_id, mailbox, thread_id, body,"
                + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            s.setString(1, replyId);
            s.setString(2, draftId);
            s.setString(3, mailbox);
            s.setString(4, threadId);
            s.setString(5, body);
            s.setLong(6, now);
            s.setLong(7, now);
            s.executeUpdate();
        }
    }

    /** Claims up to {@code limit} pending replies that are due, for {@code lease}. */
    public List<OutgoingReply> claimDue(String owner, Duration lease, int limit) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            List<OutgoingReply> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_reply WHERE status = 'PENDING'"
                    + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?")) {
                s.setLong(1, now);
                s.setLong(2, now);
                s.setInt(3, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(read(r));
                    }
                }
            }
            List<OutgoingReply> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_reply SET lease_owner = ?, lease_until = ?,"
                    + " attempts = attempts + 1 WHERE reply_id = ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)")) {
                for (OutgoingReply reply : due) {
                    s.setString(1, owner);
                    s.setLong(2, now + lease.toMillis());
                    s.setString(3, reply.replyId());
                    s.setLong(4, now);
                    if (s.executeUpdate() == 1) {
                        claimed.add(reply);
                    }
                }
            }
            return claimed;
        });
    }

    /** Records a successful send. */
    public void sent(String replyId, String messageId) {
        update("UPDATE agent_reply SET status = 'SENT', message_id = ?, sent_at = ?, lease_owner = NULL, lease_until = NULL,"
                + " last_error = NULL WHERE reply_id = ?", messageId, clock.millis(), replyId);
    }

    /** Records a failure and when to try again. */
    public void retryAt(String replyId, String error, Instant next) {
        update("UPDATE agent_reply SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE reply_id = ?", next.toEpochMilli(), truncate(error), replyId);
    }

    /** Records that a previous attempt may have gone out (the sender found it SENDING): never retried blindly. */
    public void inDoubt(String replyId, String messageId, String detail) {
        update("UPDATE agent_reply SET status = 'IN_DOUBT', message_id = ?, last_error = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE reply_id = ?", messageId, truncate(detail), replyId);
    }

    /** The reply of an approved draft. */
    public Optional<OutgoingReply> forDraft(String draftId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_reply WHERE draft_id = ?")) {
                s.setString(1, draftId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<OutgoingReply>empty();
                }
            }
        });
    }

    /** Replies sent in a thread, oldest first, as the thread's staff turns. */
    public List<ThreadTurn> sentInThread(String threadId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body, sent_at FROM agent_reply WHERE thread_id = ?"
                    + " AND status = 'SENT' ORDER BY sent_at")) {
                s.setString(1, threadId);
                List<ThreadTurn> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new ThreadTurn(ThreadTurn.Author.STAFF, r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
                    }
                }
                return out;
            }
        });
    }

    /** How many replies wait to be sent. */
    public long pending() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM agent_reply WHERE status = 'PENDING'");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private void update(String sql, Object... args) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private static OutgoingReply read(ResultSet r) throws SQLException {
        long sentAt = r.getLong(10);
        Instant sent = r.wasNull() ? null : Instant.ofEpochMilli(sentAt);
        return new OutgoingReply(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getInt(7), r.getString(8), r.getString(9), sent);
    }

    private static String truncate(String s) {
        return s == null ? null : s.substring(0, Math.min(s.length(), 2000));
    }
}
