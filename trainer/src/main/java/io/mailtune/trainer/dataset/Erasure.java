package io.mailtune.trainer.dataset;

import java.time.Instant;

/**
 * What an erasure request removed. The address itself is never stored.
 *
 * @param erasureId       id of the request
 * @param requestedAt     when
 * @param requestedBy     who asked (the admin credential's name)
 * @param examplesRemoved training-set examples removed
 * @param holdoutRemoved  of those, how many were holdout members
 */
public record Erasure(String erasureId, Instant requestedAt, String requestedBy, int examplesRemoved, int holdoutRemoved) {
}
