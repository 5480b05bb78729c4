package io.mailtune.trainer.run;

import java.time.Instant;

/**
 * A training run as stored: what started it, where it stands, what it used and what came of it.
 *
 * @param runId             id
 * @param trigger           schedule, on demand or history import
 * @param requestedBy       who asked
 * @param status            running or how it ended
 * @param stage             the stage reached
 * @param createdAt         when it was started
 * @param updatedAt         last change
 * @param finishedAt        when it ended, or null
 * @param holder            the instance running it
 * @param attempts          how many times an instance took it up (more than one after a crash)
 * @param baseModel         the base checkpoint
 * @param liveVersion       the adapter the candidate was compared with, or null for the bare base model
 * @param datasetSeq        dataset version of its snapshot
 * @param datasetHash       hash of its snapshot, or null before the snapshot
 * @param trainExamples     training examples in the snapshot
 * @param holdoutExamples   holdout examples in the snapshot
 * @param uneditedAvailable unedited approvals on the training side
 * @param uneditedUsed      unedited approvals the feedback-loop guard let in
 * @param stepsPlanned      optimizer steps scheduled
 * @param stepsDone         optimizer steps done
 * @param resumedFromStep   the checkpoint step the last attempt resumed from (0: from the start)
 * @param tokensPerSecond   training throughput
 * @param trainingSeconds   wall time of training
 * @param evaluationSeconds wall time of the gate's evaluation
 * @param candidateVersion  the candidate's version (its weights' hash), or null
 * @param candidateSha256   the candidate's weights hash, or null
 * @param decision          {@code PROMOTE}, {@code REJECT}, or null before the gate
 * @param reason            the decision or failure in words
 * @param gateReport        the gate's numbers as JSON, or null
 * @param settings          the run's hyper-parameters as JSON
 */
public record RunRecord(String runId, RunTrigger trigger, String requestedBy, RunStatus status, RunStage stage,
                        Instant createdAt, Instant updatedAt, Instant finishedAt, String holder, int attempts,
                        String baseModel, String liveVersion, long datasetSeq, String datasetHash, int trainExamples,
                        int holdoutExamples, int uneditedAvailable, int uneditedUsed, int stepsPlanned, int stepsDone,
                        int resumedFromStep, Double tokensPerSecond, Double trainingSeconds, Double evaluationSeconds,
                        String candidateVersion, String candidateSha256, String decision, String reason,
                        String gateReport, String settings) {
}
