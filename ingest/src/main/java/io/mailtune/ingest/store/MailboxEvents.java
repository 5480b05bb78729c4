package io.mailtune.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The recorded history of mailbox events, for the admin page and alerts. */
public final class MailboxEvents {

    private final IngestDatabase db;

    /** A store over the database. */
    public MailboxEvents(IngestDatabase db) {
        this.db = db;
    }

    /** Records an event. */
    public void record(MailboxEvent event) {
        db.inTransaction(c -> {
            record(c, event);
            return null;
        });
    }

    /** Records an event inside the caller's transaction, so that it commits with what it reports. */
    public static void record(Connection c, MailboxEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ingest_event (event_id, mailbox, folder, kind, detail, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, io.mailtune.core.id.Ids.newId());
            s.setString(2, event.mailbox());
            s.setString(3, event.folder().length() > 500 ? event.folder().substring(0, 500) : event.folder());
            s.setString(4, event.kind().name());
            s.setString(5, event.detail().length() > 4000 ? event.detail().substring(0, 4000) : event.detail());
            s.setLong(6, event.at().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Events of a mailbox, oldest first. */
    public List<MailboxEvent> list(String mailbox) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT mailbox, folder, kind, detail, at FROM ingest_event WHERE mailbox = ? ORDER BY at, event_id")) {
                s.setString(1, mailbox);
                List<MailboxEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new MailboxEvent(r.getString(1), r.getString(2), MailboxEvent.Kind.valueOf(r.getString(3)),
                                r.getString(4), Instant.ofEpochMilli(r.getLong(5))));
                    }
                }
                return out;
            }
        });
    }
}
