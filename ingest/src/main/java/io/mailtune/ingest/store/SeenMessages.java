package io.mailtune.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dedupe keys per mailbox: Message-ID plus content hash. A reused Message-ID with different content is a new
 * message (freescout #5591), the same message fetched again or from a second folder is not.
 */
public final class SeenMessages {

    private final IngestDatabase db;

    /** A store over the database. */
    public SeenMessages(IngestDatabase db) {
        this.db = db;
    }

    /** True when this mailbox already published the message. */
    public boolean contains(String mailbox, String messageId, String contentHash) {
        return db.inTransaction(c -> contains(c, mailbox, messageId, contentHash));
    }

    /** True when this mailbox already published the message, inside the caller's transaction. */
    public static boolean contains(Connection c, String mailbox, String messageId, String contentHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM ingest_seen WHERE mailbox = ? AND message_id = ? AND content_hash = ?")) {
            s.setString(1, mailbox);
            s.setString(2, messageId);
            s.setString(3, contentHash);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The published copy of a message with this Message-ID and content, inside the caller's transaction, if any. */
    public static Optional<Published> find(Connection c, String mailbox, String messageId, String contentHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT email_id, thread_id FROM ingest_seen WHERE mailbox = ? AND message_id = ? AND content_hash = ?")) {
            s.setString(1, mailbox);
            s.setString(2, messageId);
            s.setString(3, contentHash);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Published(messageId, contentHash, r.getString(1), r.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * The dedupe keys ({@link #key}) this mailbox already published among the given Message-IDs, in one query per
     * hundred IDs.
     */
    public static Set<String> among(Connection c, String mailbox, List<String> messageIds) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> distinct = messageIds.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 100) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 100));
            try (PreparedStatement s = c.prepareStatement("SELECT message_id, content_hash FROM ingest_seen WHERE mailbox = ? AND message_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                s.setString(1, mailbox);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 2, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(key(r.getString(1), r.getString(2)));
                    }
                }
            }
        }
        return out;
    }

    /** One message's dedupe key as {@link #among} returns it. */
    public static String key(String messageId, String contentHash) {
        return messageId + "\n" + contentHash;
    }

    /** Records a published message inside the caller's transaction; recording it twice is harmless. */
    public void record(Connection c, String mailbox, String messageId, String contentHash, String emailId, String threadId)
            throws SQLException {
        recordAll(c, mailbox, List.of(new Published(messageId, contentHash, emailId, threadId)));
    }

    /**
     * A published message's dedupe key and ids.
     *
     * @param messageId   its Message-ID
     * @param contentHash its content hash
     * @param emailId     our id of it
     * @param threadId    its thread
     */
    public record Published(String messageId, String contentHash, String emailId, String threadId) {
    }

    /** Records published messages in one statement batch (one round trip on PostgreSQL); existing keys are kept. */
    public void recordAll(Connection c, String mailbox, List<Published> messages) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_seen (mailbox, message_id, content_hash, email_id, thread_id,"
                + " seen_at) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_seen WHERE mailbox = ? AND message_id = ?"
                + " AND content_hash = ?)")) {
            long now = System.currentTimeMillis();
            for (Published p : messages) {
                s.setString(1, mailbox);
                s.setString(2, p.messageId());
                s.setString(3, p.contentHash());
                s.setString(4, p.emailId());
                s.setString(5, p.threadId());
                s.setLong(6, now);
                s.setString(7, mailbox);
                s.setString(8, p.messageId());
                s.setString(9, p.contentHash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
