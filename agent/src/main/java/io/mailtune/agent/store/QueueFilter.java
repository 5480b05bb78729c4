package io.mailtune.agent.store;

import java.time.Duration;
import java.util.Set;

/**
 * Which drafts a reviewer's queue shows: oldest first.
 *
 * @param mailbox   only this mailbox, or null for all
 * @param statuses  only these statuses (empty: every undecided one)
 * @param olderThan only drafts whose email arrived at least this long ago, or null
 * @param limit     at most this many
 */
public record QueueFilter(String mailbox, Set<DraftStatus> statuses, Duration olderThan, int limit) {

    /** Validates the limit and defaults the statuses to the undecided ones. */
    public QueueFilter {
        statuses = statuses == null || statuses.isEmpty() ? DraftStatus.OPEN : Set.copyOf(statuses);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
        }
    }

    /** Every undecided draft, up to 100. */
    public static QueueFilter open() {
        return new QueueFilter(null, null, null, 100);
    }
}
