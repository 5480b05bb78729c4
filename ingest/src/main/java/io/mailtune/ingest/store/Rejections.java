package io.mailtune.ingest.store;

import io.mailtune.ingest.mime.RejectionReason;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The inspectable record of rejected messages. */
public final class Rejections {

    private final IngestDatabase db;

    /** A store over the database. */
    public Rejections(IngestDatabase db) {
        this.db = db;
    }

    /** Records a rejection. */
    public void record(Rejection r) {
        db.inTransaction(c -> {
            record(c, r);
            return null;
        });
    }

    /** Records a rejection unless one with the same id exists. */
    public void recordOnce(Rejection r) {
        db.inTransaction(c -> {
            recordOnce(c, r);
            return null;
        });
    }

    /** Records a rejection unless one with the same id exists, inside the caller's transaction. */
    public void recordOnce(java.sql.Connection c, Rejection r) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM ingest_rejection WHERE rejection_id = ?")) {
            s.setString(1, r.rejectionId());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        record(c, r);
    }

    /** Records a rejection inside the caller's transaction. */
    public void record(java.sql.Connection c, Rejection r) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_rejection (rejection_id, mailbox, source, reason,"
                + " detail, raw_sha256, raw_size, raw_location, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.rejectionId());
            s.setString(2, r.mailbox());
            s.setString(3, r.source());
            s.setString(4, r.reason().name());
            s.setString(5, r.detail());
            s.setString(6, r.rawSha256());
            s.setLong(7, r.rawSize());
            s.setString(8, r.rawLocation());
            s.setLong(9, r.rejectedAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Every rejection of a mailbox, oldest first. */
    public List<Rejection> list(String mailbox) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT rejection_id, mailbox, source, reason, detail, raw_sha256,"
                    + " raw_size, raw_location, rejected_at FROM ingest_rejection WHERE mailbox = ? ORDER BY rejected_at, rejection_id")) {
                s.setString(1, mailbox);
                List<Rejection> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Rejection(r.getString(1), r.getString(2), r.getString(3), RejectionReason.valueOf(r.getString(4)),
                                r.getString(5), r.getString(6), r.getLong(7), r.getString(8), Instant.ofEpochMilli(r.getLong(9))));
                    }
                }
                return out;
            }
        });
    }
}
