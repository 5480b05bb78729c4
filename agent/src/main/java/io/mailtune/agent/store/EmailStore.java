package io.mailtune.agent.store;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.sql.Database;
import io.mailtune.core.sql.DatabaseException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Inbound emails, stored once each (idempotent by emailId). Storing an email that needs a draft queues one in the same
 * transaction and marks any undecided draft of the same thread stale: the database is the drafting queue.
 */
public final class EmailStore {

    /** What storing an email did. */
    public enum Stored {
        /** New, and a draft is queued for it. */
        QUEUED_DRAFT,
        /** New, flagged by ingest (auto-reply, bounce, list, own address): kept and visible, no draft. */
        FLAGGED,
        /** Stored before (a redelivery): nothing changed. */
        DUPLICATE
    }

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public EmailStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the email once; queues its draft unless ingest flagged it. */
    public Stored store(InboundEmail email) {
        try {
            return db.inTransaction(c -> insert(c, email));
        } catch (DatabaseException e) {
            // Another instance stored the same email between our check and our insert.
            if (e.isUniqueViolation()) {
                return Stored.DUPLICATE;
            }
            throw e;
        }
    }

    private Stored insert(Connection c, InboundEmail email) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM agent_email WHERE email_id = ?")) {
            s.setString(1, email.emailId());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return Stored.DUPLICATE;
                }
            }
        }
        long now = clock.millis();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_email (email_id, mailbox, thread_id, message_id,"
                + " from_address, from_name, subject, text, flags, received_at, stored_at, email_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, email.emailId());
            s.setString(2, email.mailbox());
            s.setString(3, email.threadId());
            s.setString(4, email.messageId());
            s.setString(5, email.from().address());
            s.setString(6, email.from().displayName());
            s.setString(7, email.subject());
            s.setString(8, email.normalisedText());
            s.setString(9, summary(email.flags()));
            s.setLong(10, email.receivedAt().toEpochMilli());
            s.setLong(11, now);
            s.setString(12, new String(EventCodec.encode(email), StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        if (!email.needsDraft()) {
            return Stored.FLAGGED;
        }
        DraftStore.markThreadStale(c, email.threadId(), email.emailId());
        DraftStore.insertQueued(c, Ids.newId(), email, now);
        return Stored.QUEUED_DRAFT;
    }

    /** The stored email with this id. */
    public Optional<StoredEmail> find(String emailId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT email_json, stored_at FROM agent_email WHERE email_id = ?")) {
                s.setString(1, emailId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<StoredEmail>empty();
                }
            }
        });
    }

    /** Every stored email of a thread, oldest first. */
    public List<StoredEmail> thread(String threadId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT email_json, stored_at FROM agent_email WHERE thread_id = ? ORDER BY received_at, email_id")) {
                s.setString(1, threadId);
                List<StoredEmail> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    /** Recent emails that ingest flagged (no draft), newest first: visible, never drafted. */
    public List<StoredEmail> flagged(String mailbox, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT email_json, stored_at FROM agent_email WHERE flags <> ''"
                    + (mailbox == null ? "" : " AND mailbox = ?") + " ORDER BY received_at DESC LIMIT ?")) {
                int i = 1;
                if (mailbox != null) {
                    s.setString(i++, mailbox);
                }
                s.setInt(i, limit);
                List<StoredEmail> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    private static StoredEmail read(ResultSet r) throws SQLException {
        InboundEmail email = EventCodec.decode(r.getString(1).getBytes(StandardCharsets.UTF_8), InboundEmail.class);
        return new StoredEmail(email, Instant.ofEpochMilli(r.getLong(2)));
    }

    /** The flags' one-line summary as stored. */
    static String summary(List<MailFlag> flags) {
        return flags.stream().map(f -> f.kind() + ": " + f.reason()).collect(Collectors.joining("; "));
    }
}
