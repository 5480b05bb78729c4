package io.mailtune.agent.api;

import java.util.List;
import java.util.Map;

/**
 * The review queue: matching drafts oldest first, and how many drafts are in each status.
 *
 * @param counts drafts per status (of the mailbox filter, if any)
 * @param items  the matching drafts, oldest email first
 */
public record QueueView(Map<String, Long> counts, List<DraftSummary> items) {
}
