package io.mailtune.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Per mailbox and folder: the UIDVALIDITY and last UID handled. */
public final class CheckpointStore {

    private final IngestDatabase db;

    /** A store over the database. */
    public CheckpointStore(IngestDatabase db) {
        this.db = db;
    }

    /** The checkpoint of a folder, empty before its first message. */
    public Optional<Checkpoint> find(String mailbox, String folder) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT uid_validity, last_uid FROM ingest_checkpoint WHERE mailbox = ? AND folder = ?")) {
                s.setString(1, mailbox);
                s.setString(2, folder);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Checkpoint(r.getLong(1), r.getLong(2))) : Optional.<Checkpoint>empty();
                }
            }
        });
    }

    /** Sets the checkpoint inside the caller's transaction. */
    public void save(Connection c, String mailbox, String folder, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE ingest_checkpoint SET uid_validity = ?, last_uid = ?, updated_at = ? WHERE mailbox = ? AND folder = ?")) {
            update.setLong(1, checkpoint.uidValidity());
            update.setLong(2, checkpoint.lastUid());
            update.setLong(3, System.currentTimeMillis());
            update.setString(4, mailbox);
            update.setString(5, folder);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ingest_checkpoint (mailbox, folder, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, mailbox);
            insert.setString(2, folder);
            insert.setLong(3, checkpoint.uidValidity());
            insert.setLong(4, checkpoint.lastUid());
            insert.setLong(5, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    /** Sets the checkpoint in its own transaction. */
    public void save(String mailbox, String folder, Checkpoint checkpoint) {
        db.inTransaction(c -> {
            save(c, mailbox, folder, checkpoint);
            return null;
        });
    }
}
