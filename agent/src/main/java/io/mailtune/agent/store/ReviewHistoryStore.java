package io.mailtune.agent.store;

import io.mailtune.core.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the desk's dashboard draws, read from the drafts themselves (no separate history to keep): when each draft was
 * in the queue, and how each was decided.
 */
public final class ReviewHistoryStore {

    /** How far back a stale draft is looked for: older ones left the queue long before any chart starts. */
    static final Duration STALE_LOOKBACK = Duration.ofDays(90);
    /** The most decisions one dashboard reads. */
    public static final int MAX_REVIEWS = 20_000;

    /**
     * The time a draft spent in the review queue.
     *
     * @param arrivedAt when its email arrived
     * @param leftAt    when it left the queue (decided, or made stale by the thread's next email); null while open
     */
    public record QueueSpan(Instant arrivedAt, Instant leftAt) {

        /** Whether the draft was in the queue at {@code t}. */
        public boolean openAt(Instant t) {
            return !arrivedAt.isAfter(t) && (leftAt == null || leftAt.isAfter(t));
        }
    }

    /**
     * A decided draft.
     *
     * @param draftId        the draft
     * @param adapterVersion the adapter that wrote it
     * @param status         APPROVED or REJECTED
     * @param reviewedAt     when it was decided
     * @param draftText      what the model wrote
     * @param sentText       what was sent (null when rejected)
     */
    public record ReviewedDraft(String draftId, String adapterVersion, DraftStatus status, Instant reviewedAt,
                                String draftText, String sentText) {
    }

    private final Database db;

    /** A store over the database. */
    public ReviewHistoryStore(Database db) {
        this.db = db;
    }

    /**
     * The queue spans of every draft that was in the queue at some time in [{@code from}, {@code to}]: undecided ones,
     * ones decided since {@code from}, and stale ones (left when the thread's next email arrived).
     */
    public List<QueueSpan> queueSpans(Instant from, Instant to) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.arrived_at, d.status, d.reviewed_at,"
                    + " (SELECT MIN(n.arrived_at) FROM agent_draft n WHERE n.thread_id = d.thread_id AND n.arrived_at > d.arrived_at)"
                    + " FROM agent_draft d WHERE d.arrived_at <= ? AND (d.status IN ('QUEUED', 'DRAFTING', 'READY', 'FAILED')"
                    + " OR (d.status IN ('APPROVED', 'REJECTED') AND d.reviewed_at >= ?)"
                    + " OR (d.status = 'STALE' AND d.arrived_at >= ?)) ORDER BY d.arrived_at")) {
                s.setLong(1, to.toEpochMilli());
                s.setLong(2, from.toEpochMilli());
                s.setLong(3, from.minus(STALE_LOOKBACK).toEpochMilli());
                List<QueueSpan> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        QueueSpan span = span(r);
                        if (span.leftAt() == null || !span.leftAt().isBefore(from)) {
                            out.add(span);
                        }
                    }
                }
                return out;
            }
        });
    }

    private static QueueSpan span(ResultSet r) throws SQLException {
        Instant arrived = Instant.ofEpochMilli(r.getLong(1));
        DraftStatus status = DraftStatus.valueOf(r.getString(2));
        Instant left = null;
        if (status.reviewed()) {
            left = Instant.ofEpochMilli(r.getLong(3));
        } else if (status == DraftStatus.STALE) {
            long next = r.getLong(4);
            left = r.wasNull() ? arrived : Instant.ofEpochMilli(next);
        }
        return new QueueSpan(arrived, left);
    }

    /** Drafts decided in [{@code from}, {@code to}), oldest decision first, at most {@link #MAX_REVIEWS}. */
    public List<ReviewedDraft> reviewed(Instant from, Instant to) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT draft_id, adapter_version, status, reviewed_at, text, sent_text"
                    + " FROM agent_draft WHERE status IN ('APPROVED', 'REJECTED') AND reviewed_at >= ? AND reviewed_at < ?"
                    + " ORDER BY reviewed_at, draft_id LIMIT ?")) {
                s.setLong(1, from.toEpochMilli());
                s.setLong(2, to.toEpochMilli());
                s.setInt(3, MAX_REVIEWS);
                List<ReviewedDraft> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new ReviewedDraft(r.getString(1), r.getString(2), DraftStatus.valueOf(r.getString(3)),
                                Instant.ofEpochMilli(r.getLong(4)), r.getString(5), r.getString(6)));
                    }
                }
                return out;
            }
        });
    }
}
