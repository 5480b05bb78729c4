package io.mailtune.agent.store;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.TopicContract;
import io.mailtune.core.sql.Database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox: events are written in the same transaction as the change they describe, and a relay
 * publishes them to Kafka afterwards. Relays claim batches with a lease, so two instances rarely publish the same
 * event; when they do (a lease expired mid-publish), consumers dedupe by the event's id.
 */
public final class OutboxStore {

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public OutboxStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds an event inside the caller's transaction. */
    public static <T> void add(Connection c, TopicContract<T> topic, String eventId, T event, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_outbox (event_id, topic, event_key, payload,"
                + " created_at, attempts) VALUES (?, ?, ?, ?, ?, 0)")) {
            s.setString(1, eventId);
            s.setString(2, topic.name());
            s.setString(3, topic.keyOf(event));
            s.setString(4, new String(EventCodec.encode(event), StandardCharsets.UTF_8));
            s.setLong(5, now);
            s.executeUpdate();
        }
    }

    /** Claims up to {@code limit} unpublished events, oldest first, for {@code lease}. */
    public List<OutboxEvent> claim(String owner, Duration lease, int limit) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            List<OutboxEvent> candidates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, topic, event_key, payload, created_at, attempts"
                    + " FROM agent_outbox WHERE published_at IS NULL AND (lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY created_at, event_id LIMIT ?")) {
                s.setLong(1, now);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new OutboxEvent(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4).getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(r.getLong(5)), r.getInt(6)));
                    }
                }
            }
            List<OutboxEvent> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_outbox SET lease_owner = ?, lease_until = ?,"
                    + " attempts = attempts + 1 WHERE event_id = ? AND published_at IS NULL"
                    + " AND (lease_until IS NULL OR lease_until < ?)")) {
                for (OutboxEvent e : candidates) {
                    s.setString(1, owner);
                    s.setLong(2, now + lease.toMillis());
                    s.setString(3, e.eventId());
                    s.setLong(4, now);
                    if (s.executeUpdate() == 1) {
                        claimed.add(e);
                    }
                }
            }
            return claimed;
        });
    }

    /** Marks events published. */
    public void published(List<String> eventIds) {
        long now = clock.millis();
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_outbox SET published_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL, last_error = NULL WHERE event_id = ?")) {
                for (String id : eventIds) {
                    s.setLong(1, now);
                    s.setString(2, id);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Releases claimed events after a failed publish, recording why, so the next round retries them. */
    public void failed(List<String> eventIds, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_outbox SET lease_owner = NULL, lease_until = NULL,"
                    + " last_error = ? WHERE event_id = ? AND published_at IS NULL")) {
                for (String id : eventIds) {
                    s.setString(1, error == null ? "" : error.substring(0, Math.min(error.length(), 2000)));
                    s.setString(2, id);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** How many events wait to be published. */
    public long pending() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM agent_outbox WHERE published_at IS NULL");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** When the oldest unpublished event was written, or empty when none waits. */
    public Optional<Instant> oldestPending() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(created_at) FROM agent_outbox WHERE published_at IS NULL");
                 ResultSet r = s.executeQuery()) {
                r.next();
                long min = r.getLong(1);
                return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(min));
            }
        });
    }
}
