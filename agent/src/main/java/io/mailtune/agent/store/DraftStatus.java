package io.mailtune.agent.store;

import java.util.Set;

/** Where a draft is in its life. */
public enum DraftStatus {
    /** Waiting for the drafting pool. */
    QUEUED,
    /** Claimed by an agent instance (with a lease) and being written. */
    DRAFTING,
    /** Written, waiting for a reviewer. */
    READY,
    /** Generation failed every attempt; the failure says why; can be regenerated. */
    FAILED,
    /** The thread got a newer customer message before review; a new draft answers that one. */
    STALE,
    /** Approved (as drafted or edited); its reply is sent. */
    APPROVED,
    /** Rejected by a reviewer; nothing is sent. */
    REJECTED;

    /** Drafts not yet decided by a reviewer: the review queue. */
    public static final Set<DraftStatus> OPEN = Set.of(QUEUED, DRAFTING, READY, FAILED);

    /** Whether a reviewer has decided this draft. */
    public boolean reviewed() {
        return this == APPROVED || this == REJECTED;
    }
}
