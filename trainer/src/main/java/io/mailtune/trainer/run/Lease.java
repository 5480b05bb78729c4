package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The database lease that lets one trainer instance train at a time, across instances. Taking it is one conditional
 * update (free, expired, or already ours), atomic in PostgreSQL and H2 alike; the holder renews it while it works;
 * a holder that dies lets it expire, and the next taker gets a higher fencing token, so a paused former holder that
 * wakes up can tell it lost the lease before it publishes anything.
 */
public final class Lease {

    /** The lease's row in {@code trainer_lease}. */
    public static final String TRAINING = "training";

    private final Database db;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;

    /** A lease handle for the instance named {@code holder}. */
    public Lease(Database db, String holder, Duration ttl, Clock clock) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("a lease holder needs a name (mailtune.trainer.instance-id)");
        }
        if (ttl == null || ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("mailtune.trainer.lease-ttl must be at least 1 s, was " + ttl);
        }
        this.db = db;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** This instance's name. */
    public String holder() {
        return holder;
    }

    /** How long a lease lasts without renewal. */
    public Duration ttl() {
        return ttl;
    }

    /** Who holds the lease now.
     *
     * @param holder   the instance
     * @param token    its fencing token
     * @param expiresAt epoch milliseconds when it lapses unless renewed
     */
    public record Holding(String holder, long token, long expiresAt) {
    }

    /** Takes the lease if it is free, expired or already ours; the token of our holding, or empty. */
    public Optional<Long> tryAcquire() {
        return db.inTransaction(c -> {
            long now = clock.millis();
            int changed = Database.update(c, "UPDATE trainer_lease SET token = CASE WHEN holder = ? AND expires_at >= ? THEN token"
                    + " ELSE token + 1 END, holder = ?, expires_at = ? WHERE name = ? AND (holder IS NULL OR expires_at < ? OR holder = ?)",
                    holder, now, holder, now + ttl.toMillis(), TRAINING, now, holder);
            if (changed == 0) {
                return Optional.<Long>empty();
            }
            return Optional.of(Database.scalar(c, "SELECT token FROM trainer_lease WHERE name = ?", TRAINING));
        });
    }

    /** Extends our holding; false when the lease is no longer ours under {@code token}. */
    public boolean renew(long token) {
        long now = clock.millis();
        return db.update("UPDATE trainer_lease SET expires_at = ? WHERE name = ? AND holder = ? AND token = ? AND expires_at >= ?",
                now + ttl.toMillis(), TRAINING, holder, token, now) == 1;
    }

    /** True while we hold the lease under {@code token} and it has not lapsed. */
    public boolean holds(long token) {
        long now = clock.millis();
        return db.first("SELECT holder FROM trainer_lease WHERE name = ? AND holder = ? AND token = ? AND expires_at >= ?",
                r -> r.getString(1), TRAINING, holder, token, now).isPresent();
    }

    /** Gives the lease up (only if still ours under {@code token}). */
    public void release(long token) {
        db.update("UPDATE trainer_lease SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ? AND token = ?",
                TRAINING, holder, token);
    }

    /** The current holding, if someone holds an unexpired lease. */
    public Optional<Holding> current() {
        long now = clock.millis();
        return db.first("SELECT holder, token, expires_at FROM trainer_lease WHERE name = ? AND holder IS NOT NULL AND expires_at >= ?",
                r -> new Holding(r.getString(1), r.getLong(2), r.getLong(3)), TRAINING, now);
    }
}
