package io.mailtune.ingest.smtp;

import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.thread.ThreadIndex;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The record of outbound replies. A reply id is claimed by inserting its row: the primary key lets exactly one of
 * any number of concurrent claims win, in PostgreSQL and H2 alike. A failed send releases the claim for a retry; a
 * crash during the send leaves it SENDING, so it is never sent twice blindly.
 */
public final class SentReplies {

    /** The claim states. */
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final IngestDatabase db;
    private final ThreadIndex threads;

    /** A record over the database; the thread index learns each reply's Message-ID. */
    public SentReplies(IngestDatabase db, ThreadIndex threads) {
        this.db = db;
        this.threads = threads;
    }

    /** A recorded reply's Message-ID and status. */
    record Recorded(String messageId, String status) {
    }

    /** Claims the reply id for sending with the given Message-ID; empty when already claimed, with what was recorded. */
    Optional<Recorded> claim(OutboundReply reply, String messageId, String subject) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO outbound_reply (reply_id, mailbox, thread_id, message_id,"
                        + " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    long now = System.currentTimeMillis();
                    s.setString(1, reply.replyId());
                    s.setString(2, reply.mailbox());
                    s.setString(3, reply.threadId());
                    s.setString(4, messageId);
                    s.setString(5, SENDING);
                    s.setLong(6, now);
                    s.setLong(7, now);
                    s.executeUpdate();
                }
                threads.recordOutbound(c, reply.mailbox(), messageId, reply.threadId(), subject, reply.to().normalised());
                return null;
            });
            return Optional.empty();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SQLException sql) || !isUniqueViolation(sql)) {
                throw e;
            }
        }
        Recorded existing = find(reply.replyId()).orElseThrow();
        if (existing.status().equals(FAILED) && retake(reply.replyId())) {
            return Optional.empty();
        }
        return Optional.of(existing);
    }

    /** The recorded Message-ID and status of a reply id. */
    Optional<Recorded> find(String replyId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT message_id, status FROM outbound_reply WHERE reply_id = ?")) {
                s.setString(1, replyId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Recorded(r.getString(1), r.getString(2))) : Optional.<Recorded>empty();
                }
            }
        });
    }

    /** Marks the outcome of a send. */
    void mark(String replyId, String status, String detail) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbound_reply SET status = ?, detail = ?, updated_at = ? WHERE reply_id = ?")) {
                s.setString(1, status);
                s.setString(2, detail == null ? null : detail.substring(0, Math.min(detail.length(), 4000)));
                s.setLong(3, System.currentTimeMillis());
                s.setString(4, replyId);
                return s.executeUpdate();
            }
        });
    }

    /** Takes over a failed reply for a retry; only one concurrent caller succeeds. */
    private boolean retake(String replyId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbound_reply SET status = ?, updated_at = ? WHERE reply_id = ? AND status = ?")) {
                s.setString(1, SENDING);
                s.setLong(2, System.currentTimeMillis());
                s.setString(3, replyId);
                s.setString(4, FAILED);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && "23505".equals(cause.getSQLState());
    }
}
