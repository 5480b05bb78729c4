package io.mailtune.trainer.live;

import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.mailtune.core.sql.Database;
import io.mailtune.core.sql.DatabaseException;

import java.time.Instant;
import java.util.List;

/** The review outcomes the agents publish, kept per adapter for the live-quality watch (no text, no reviewer). */
public final class OutcomeLog {

    private final Database db;

    /** A log in {@code db}. */
    public OutcomeLog(Database db) {
        this.db = db;
    }

    /** Records an outcome once; false when it was already recorded (outcomes are deduplicated by id). */
    public boolean record(ReviewOutcome o) {
        try {
            return db.update("INSERT INTO trainer_review_outcome (outcome_id, adapter_version, verdict, edit_rate, reviewed_at)"
                    + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM trainer_review_outcome WHERE outcome_id = ?)",
                    o.outcomeId(), o.adapterVersion(), o.verdict().name(), o.editRate(), o.reviewedAt().toEpochMilli(), o.outcomeId()) == 1;
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** One outcome as the watch reads it. */
    public record Entry(ReviewVerdict verdict, double editRate, Instant reviewedAt) {
        /** Approved as drafted or after an edit. */
        public boolean approved() {
            return verdict == ReviewVerdict.APPROVED || verdict == ReviewVerdict.EDITED;
        }
    }

    /** The outcomes of drafts by {@code adapterVersion} reviewed in [from, to). */
    public List<Entry> between(String adapterVersion, Instant from, Instant to) {
        return db.list("SELECT verdict, edit_rate, reviewed_at FROM trainer_review_outcome WHERE adapter_version = ?"
                        + " AND reviewed_at >= ? AND reviewed_at < ? ORDER BY reviewed_at",
                r -> new Entry(ReviewVerdict.valueOf(r.getString(1)), r.getDouble(2), Instant.ofEpochMilli(r.getLong(3))),
                adapterVersion, from.toEpochMilli(), to.toEpochMilli());
    }
}
