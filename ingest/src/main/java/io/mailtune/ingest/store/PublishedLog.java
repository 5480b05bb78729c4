package io.mailtune.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What this store knows of the inbound topic: the identity its publishers write under (part of every Kafka
 * transactional id and a record header), and per mailbox and partition the offset up to which every record of that
 * identity and mailbox is recorded as seen. Positions change only inside the transactions that record seen messages,
 * so a database that lost its newest commits still holds positions that agree with its seen messages. Every instance
 * sharing the database shares the identity; each mailbox has positions of its own, because each is settled by whichever
 * instance runs it.
 */
public final class PublishedLog {

    private PublishedLog() {
    }

    /**
     * The store's identity, registered on first use. Instances starting together on a fresh database agree on one:
     * the identity has a single slot, and whoever loses the race to fill it reads the winner's.
     */
    public static String identity(IngestDatabase db) {
        for (int attempt = 1; ; attempt++) {
            Optional<String> known = db.inTransaction(PublishedLog::publisherId);
            if (known.isPresent()) {
                return known.get();
            }
            try {
                return db.inTransaction(c -> {
                    // A store written before identities had their slot keeps its first identity.
                    String id = legacyIdentity(c).orElse(UUID.randomUUID().toString());
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO ingest_store_identity (slot, publisher_id, created_at) VALUES (1, ?, ?)")) {
                        s.setString(1, id);
                        s.setLong(2, System.currentTimeMillis());
                        s.executeUpdate();
                    }
                    return id;
                });
            } catch (IllegalStateException e) {
                if (!IngestDatabase.isUniqueViolation(e) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The publisher identity of this store, if one was registered. */
    public static Optional<String> publisherId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT publisher_id FROM ingest_store_identity WHERE slot = 1")) {
            if (r.next()) {
                return Optional.of(r.getString(1));
            }
        }
        return legacyIdentity(c);
    }

    private static Optional<String> legacyIdentity(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT publisher_id FROM ingest_publisher ORDER BY created_at, publisher_id")) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
    }

    /**
     * Gives a mailbox positions if it has none: the store-wide positions of a store written before positions were
     * kept per mailbox (they held for every mailbox), else the partitions' current end offsets. Call it only while
     * holding the mailbox's freshly initialised transactional producer: then nothing of the mailbox is in flight, and a
     * mailbox without positions has published nothing under its own producer, so nothing before those offsets is
     * left to account for. Returns the mailbox's positions.
     */
    public static Map<Integer, Long> registerMailbox(IngestDatabase db, String mailbox, Supplier<Map<Integer, Long>> endOffsets) {
        Map<Integer, Long> known = db.inTransaction(c -> positions(c, mailbox));
        if (!known.isEmpty()) {
            return known;
        }
        Map<Integer, Long> legacy = db.inTransaction(PublishedLog::legacyPositions);
        Map<Integer, Long> start = legacy.isEmpty() ? endOffsets.get() : legacy;
        try {
            db.inTransaction(c -> {
                advance(c, mailbox, start);
                return null;
            });
        } catch (IllegalStateException e) {
            // Another instance registered it at the same moment: its positions are as good as ours.
            if (!IngestDatabase.isUniqueViolation(e)) {
                throw e;
            }
        }
        return db.inTransaction(c -> positions(c, mailbox));
    }

    /** Partition → first offset not yet accounted for, for one mailbox. */
    public static Map<Integer, Long> positions(Connection c, String mailbox) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT topic_partition, next_offset FROM ingest_mailbox_position WHERE mailbox = ?")) {
            s.setString(1, mailbox);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    private static Map<Integer, Long> legacyPositions(Connection c) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT topic_partition, next_offset FROM ingest_log_position")) {
            while (r.next()) {
                out.put(r.getInt(1), r.getLong(2));
            }
        }
        return out;
    }

    /** Moves a mailbox's positions forward; a position never moves back. */
    public static void advance(Connection c, String mailbox, Map<Integer, Long> nextOffsets) throws SQLException {
        Map<Integer, Long> known = positions(c, mailbox);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE ingest_mailbox_position SET next_offset = ? WHERE mailbox = ? AND topic_partition = ? AND next_offset < ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO ingest_mailbox_position (mailbox, topic_partition, next_offset) VALUES (?, ?, ?)")) {
            for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
                Long current = known.get(e.getKey());
                if (current == null) {
                    insert.setString(1, mailbox);
                    insert.setInt(2, e.getKey());
                    insert.setLong(3, e.getValue());
                    insert.executeUpdate();
                } else if (e.getValue() > current) {
                    update.setLong(1, e.getValue());
                    update.setString(2, mailbox);
                    update.setInt(3, e.getKey());
                    update.setLong(4, e.getValue());
                    update.executeUpdate();
                }
            }
        }
    }
}
