package io.mailtune.trainer.dataset;

import java.util.Map;

/**
 * The training set at a glance.
 *
 * @param datasetSeq    newest example (the dataset version)
 * @param train         examples on the training side
 * @param holdout       examples on the holdout side
 * @param unedited      of all examples, how many were sent exactly as drafted
 * @param fromHistory   of all examples, how many came from imported history
 * @param dropped       dropped records by reason
 * @param erasures      erasure requests carried out
 */
public record DatasetStats(long datasetSeq, int train, int holdout, int unedited, int fromHistory,
                           Map<DropReason, Integer> dropped, int erasures) {
}
