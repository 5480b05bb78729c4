package io.mailtune.agent.adapters;

import java.time.Instant;

/**
 * The adapter this instance drafts with, and the last change or refusal.
 *
 * @param liveVersion  the installed adapter's version, or {@code base} for the bare base model
 * @param baseModel    the loaded base model's name
 * @param changedAt    when the live adapter last changed, or null
 * @param lastProblem  the last promotion or rollback that could not be applied, and why, or null
 * @param eventsApplied adapter events read from {@code mailtune.adapters} so far
 */
public record AdapterStatus(String liveVersion, String baseModel, Instant changedAt, String lastProblem, long eventsApplied) {
}
