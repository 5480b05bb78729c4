package io.mailtune.trainer.live;

/**
 * One comparison of the live adapter's reviews with the previous adapter's.
 *
 * @param version          the adapter promoted last
 * @param previous         the adapter before it ({@code base} for the bare base model)
 * @param newReviews       reviewed drafts of the new adapter in the window after its promotion
 * @param oldReviews       reviewed drafts of the previous adapter in the window before
 * @param newApprovalRate  share of the new adapter's drafts approved (as drafted or edited)
 * @param oldApprovalRate  the same for the previous adapter
 * @param approvalP        one-sided p-value that the new approval rate is lower (two-proportion z-test)
 * @param newMeanEditRate  mean edit rate of the new adapter's approved drafts
 * @param oldMeanEditRate  the same for the previous adapter
 * @param editP            one-sided p-value that the new adapter's edit rates are larger (Mann–Whitney U)
 * @param decision         {@code WAIT} (too few reviews), {@code KEEP}, or {@code ROLL_BACK}
 * @param reason           in words
 */
public record QualityCheck(String version, String previous, int newReviews, int oldReviews, double newApprovalRate,
                           double oldApprovalRate, double approvalP, double newMeanEditRate, double oldMeanEditRate,
                           double editP, String decision, String reason) {
}
