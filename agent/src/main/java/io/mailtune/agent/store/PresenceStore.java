package io.mailtune.agent.store;

import io.mailtune.core.sql.Database;
import io.mailtune.core.sql.DatabaseException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who has which draft open: each reviewer's desk sends a heartbeat while a draft is open; the list shows those seen
 * recently. Kept in the database, so reviewers on different agent instances see each other.
 */
public final class PresenceStore {

    /**
     * A reviewer seen on a draft.
     *
     * @param username who
     * @param seenAt   their last heartbeat
     */
    public record Viewer(String username, Instant seenAt) {
    }

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public PresenceStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that {@code username} has the draft open now. */
    public void heartbeat(String draftId, String username) {
        long now = clock.millis();
        boolean updated = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_presence SET seen_at = ? WHERE draft_id = ? AND username = ?")) {
                s.setLong(1, now);
                s.setString(2, draftId);
                s.setString(3, username);
                return s.executeUpdate() == 1;
            }
        });
        if (updated) {
            return;
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_presence (draft_id, username, seen_at) VALUES (?, ?, ?)")) {
                    s.setString(1, draftId);
                    s.setString(2, username);
                    s.setLong(3, now);
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            // A concurrent first heartbeat of the same reviewer inserted the row: it is there, which is all we need.
            if (!e.isUniqueViolation()) {
                throw e;
            }
        }
    }

    /** Removes a reviewer from a draft (the desk closed it). */
    public void leave(String draftId, String username) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM agent_presence WHERE draft_id = ? AND username = ?")) {
                s.setString(1, draftId);
                s.setString(2, username);
                return s.executeUpdate();
            }
        });
    }

    /** Reviewers seen on the draft within {@code window}, most recent first. */
    public List<Viewer> viewers(String draftId, Duration window) {
        long since = clock.millis() - window.toMillis();
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT username, seen_at FROM agent_presence WHERE draft_id = ?"
                    + " AND seen_at >= ? ORDER BY seen_at DESC, username")) {
                s.setString(1, draftId);
                s.setLong(2, since);
                List<Viewer> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Viewer(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
                    }
                }
                return out;
            }
        });
    }
}
