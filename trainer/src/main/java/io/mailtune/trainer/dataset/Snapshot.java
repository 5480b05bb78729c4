package io.mailtune.trainer.dataset;

import java.util.List;

/**
 * The exact data one run uses: which examples on which side with which weight, and a hash over all of it.
 *
 * @param datasetSeq        the newest example the snapshot saw (the dataset version)
 * @param train             training examples with their weights
 * @param holdout           holdout examples (weight 1)
 * @param uneditedAvailable unedited approvals on the training side
 * @param uneditedUsed      how many of them the feedback-loop guard let in
 * @param sha256            SHA-256 over every (side, id, content hash, weight) line, sorted
 */
public record Snapshot(long datasetSeq, List<Member> train, List<Member> holdout, int uneditedAvailable,
                       int uneditedUsed, String sha256) {

    /** One example of a snapshot. */
    public record Member(String exampleId, Side side, double weight, boolean unedited, String contentHash) {
    }

    /** Copies the lists. */
    public Snapshot {
        train = List.copyOf(train);
        holdout = List.copyOf(holdout);
    }
}
