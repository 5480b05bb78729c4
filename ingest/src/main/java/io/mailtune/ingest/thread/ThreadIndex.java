package io.mailtune.ingest.thread;

import io.mailtune.core.id.Ids;
import io.mailtune.ingest.mime.NormalisedMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Assigns messages to conversations. In order: the message itself seen before (same id and content); any id in
 * In-Reply-To or References, newest first, including Message-IDs of replies we sent; and, for a message that looks
 * like a reply, the latest thread with the same subject and the same customer. A ticket-number-like subject alone
 * therefore never pulls another customer's mail into a thread (zammad #5716).
 */
public final class ThreadIndex {

    private final Duration subjectWindow;

    /** An index whose subject fallback only joins threads active within the window. */
    public ThreadIndex(Duration subjectWindow) {
        if (subjectWindow == null || subjectWindow.isNegative() || subjectWindow.isZero()) {
            throw new IllegalArgumentException("subjectWindow must be positive, was " + subjectWindow);
        }
        this.subjectWindow = subjectWindow;
    }

    /**
     * The thread of an inbound message, recorded in the caller's transaction.
     *
     * @param customer the address of the customer side (the sender, or the recipient of mail from a support address)
     */
    public String assign(Connection c, String mailbox, NormalisedMessage message, String customer) throws SQLException {
        Optional<String> own = lookup(c, "SELECT thread_id FROM ingest_thread_message WHERE mailbox = ? AND message_id = ? AND content_hash = ?",
                mailbox, message.messageId(), message.contentHash());
        if (own.isPresent()) {
            return own.get();
        }
        String subjectKey = SubjectKey.of(message.subject());
        String thread = byReferences(c, mailbox, message)
                .or(() -> bySubject(c, mailbox, message, subjectKey, customer))
                .orElse(null);
        if (thread == null) {
            thread = Ids.newId();
            insertThread(c, thread, mailbox, subjectKey, customer);
        } else {
            touch(c, thread);
        }
        recordMessage(c, mailbox, message.messageId(), message.contentHash(), thread);
        return thread;
    }

    /**
     * Forgets a customer's conversations (an erasure): their threads and the Message-IDs recorded in them, in the
     * caller's transaction. A later message of theirs starts a new thread. Returns how many threads went.
     *
     * @param customer the customer's address, matched case-insensitively
     */
    public static int forgetCustomer(Connection c, String customer) throws SQLException {
        String threads = "SELECT thread_id FROM ingest_thread WHERE LOWER(customer) = ?";
        try (PreparedStatement messages = c.prepareStatement("DELETE FROM ingest_thread_message WHERE thread_id IN (" + threads + ")");
             PreparedStatement forget = c.prepareStatement("DELETE FROM ingest_thread WHERE LOWER(customer) = ?")) {
            String address = customer.strip().toLowerCase(java.util.Locale.ROOT);
            messages.setString(1, address);
            messages.executeUpdate();
            forget.setString(1, address);
            return forget.executeUpdate();
        }
    }

    /** Records the Message-ID of a reply we sent, so the customer's answer to it joins the thread. */
    public void recordOutbound(Connection c, String mailbox, String messageId, String threadId, String subject, String customer)
            throws SQLException {
        if (lookup(c, "SELECT thread_id FROM ingest_thread WHERE thread_id = ?", threadId).isEmpty()) {
            insertThread(c, threadId, mailbox, SubjectKey.of(subject), customer);
        }
        recordMessage(c, mailbox, messageId, "", threadId);
    }

    private Optional<String> byReferences(Connection c, String mailbox, NormalisedMessage message) throws SQLException {
        List<String> ids = new ArrayList<>(message.references());
        Collections.reverse(ids);
        if (message.inReplyTo() != null) {
            ids.remove(message.inReplyTo());
            ids.add(0, message.inReplyTo());
        }
        for (String id : ids) {
            Optional<String> thread = lookup(c, "SELECT thread_id FROM ingest_thread_message WHERE mailbox = ? AND message_id = ?"
                    + " ORDER BY recorded_at LIMIT 1", mailbox, id);
            if (thread.isPresent()) {
                return thread;
            }
        }
        return Optional.empty();
    }

    private Optional<String> bySubject(Connection c, String mailbox, NormalisedMessage message, String subjectKey, String customer) {
        boolean reply = SubjectKey.looksLikeReply(message.subject()) || message.inReplyTo() != null || !message.references().isEmpty();
        if (!reply || subjectKey.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT thread_id FROM ingest_thread WHERE mailbox = ? AND subject_key = ?"
                + " AND customer = ? AND last_at >= ? ORDER BY last_at DESC LIMIT 1")) {
            s.setString(1, mailbox);
            s.setString(2, subjectKey);
            s.setString(3, customer);
            s.setLong(4, System.currentTimeMillis() - subjectWindow.toMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("thread lookup by subject failed: " + e.getMessage(), e);
        }
    }

    private static Optional<String> lookup(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static void insertThread(Connection c, String thread, String mailbox, String subjectKey, String customer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ingest_thread (thread_id, mailbox, subject_key, customer, last_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, thread);
            s.setString(2, mailbox);
            s.setString(3, subjectKey);
            s.setString(4, customer);
            s.setLong(5, System.currentTimeMillis());
            s.executeUpdate();
        }
    }

    private static void touch(Connection c, String thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ingest_thread SET last_at = ? WHERE thread_id = ?")) {
            s.setLong(1, System.currentTimeMillis());
            s.setString(2, thread);
            s.executeUpdate();
        }
    }

    private static void recordMessage(Connection c, String mailbox, String messageId, String contentHash, String thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_thread_message (mailbox, message_id, content_hash,"
                + " thread_id, recorded_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_thread_message"
                + " WHERE mailbox = ? AND message_id = ? AND content_hash = ?)")) {
            s.setString(1, mailbox);
            s.setString(2, messageId);
            s.setString(3, contentHash);
            s.setString(4, thread);
            s.setLong(5, System.currentTimeMillis());
            s.setString(6, mailbox);
            s.setString(7, messageId);
            s.setString(8, contentHash);
            s.executeUpdate();
        }
    }
}
