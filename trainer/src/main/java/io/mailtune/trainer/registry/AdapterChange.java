package io.mailtune.trainer.registry;

import java.time.Instant;

/**
 * One change of the live adapter, as it was sent on {@code mailtune.adapters}.
 *
 * @param changeId    id
 * @param kind        {@code PROMOTED} or {@code ROLLED_BACK}
 * @param liveVersion the adapter live after the change, or null for the bare base model
 * @param previous    the adapter live before, or null
 * @param reason      why
 * @param automatic   decided by the live-quality watch rather than a person
 * @param requestedBy who (or which part of the trainer) asked
 * @param at          when
 * @param details     the numbers behind it, JSON
 */
public record AdapterChange(String changeId, String kind, String liveVersion, String previous, String reason,
                            boolean automatic, String requestedBy, Instant at, String details) {
}
