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

/**
 * What this store knows of the inbound topic: the identity its publisher writes under (the Kafka transactional id
 * and a record header), and per partition the offset up to which every record of that identity is recorded as seen.
 * Both change only inside the transactions that record seen messages, so a database that lost its newest commits
 * still holds an identity and positions that agree with its seen messages.
 */
public final class PublishedLog {

    private PublishedLog() {
    }

    /** The publisher identity of this store, if one was registered. */
    public static Optional<String> publisherId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT publisher_id FROM ingest_publisher")) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
    }

    /**
     * Registers a new identity with the partitions' current end offsets as its positions: a new identity has nothing
     * in the log yet, so there is nothing before those offsets to account for.
     */
    public static String register(Connection c, Map<Integer, Long> endOffsets) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_publisher (publisher_id, created_at) VALUES (?, ?)")) {
            s.setString(1, id);
            s.setLong(2, System.currentTimeMillis());
            s.executeUpdate();
        }
        advance(c, endOffsets);
        return id;
    }

    /** Partition → first offset not yet accounted for. */
    public static Map<Integer, Long> positions(Connection c) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT topic_partition, next_offset FROM ingest_log_position")) {
            while (r.next()) {
                out.put(r.getInt(1), r.getLong(2));
            }
        }
        return out;
    }

    /** Moves positions forward; a position never moves back. */
    public static void advance(Connection c, Map<Integer, Long> nextOffsets) throws SQLException {
        Map<Integer, Long> known = positions(c);
        try (PreparedStatement update = c.prepareStatement("UPDATE ingest_log_position SET next_offset = ? WHERE topic_partition = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO ingest_log_position (topic_partition, next_offset) VALUES (?, ?)")) {
            for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
                Long current = known.get(e.getKey());
                if (current == null) {
                    insert.setInt(1, e.getKey());
                    insert.setLong(2, e.getValue());
                    insert.executeUpdate();
                } else if (e.getValue() > current) {
                    update.setLong(1, e.getValue());
                    update.setInt(2, e.getKey());
                    update.executeUpdate();
                }
            }
        }
    }
}
