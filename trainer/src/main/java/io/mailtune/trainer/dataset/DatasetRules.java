package io.mailtune.trainer.dataset;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * How records become training examples: quality rules, near-duplicate threshold, split, weights and the
 * feedback-loop guard. Every value comes from configuration ({@code mailtune.trainer.dataset.*}).
 *
 * @param maxReplyChars          a longer reply is dropped as {@link DropReason#TOO_LONG}
 * @param languages              reply languages the set takes (primary tags); empty takes any
 * @param minWordsForLanguage    shorter replies are never dropped for their language
 * @param handOffText            the company's hand-off sentence
 * @param handOffMinChars        a hand-off reply with fewer letters than this beyond greeting, sign-off, thanks and the
 *                               hand-off sentence is {@link DropReason#HAND_OFF_ONLY}
 * @param nearDuplicateJaccard   5-gram shingle Jaccard at or above which two examples are near-identical
 * @param holdoutPercent         share of new threads put on the holdout side, 0-50
 * @param editBoost              weight of an edited reply is {@code 1 + editBoost × editRate}
 * @param uneditedWeight         weight of a reply sent exactly as drafted (the model's own output)
 * @param uneditedMaxShare       most a run's training examples may be unedited approvals, 0-1
 */
public record DatasetRules(int maxReplyChars, Set<String> languages, int minWordsForLanguage, String handOffText,
                           int handOffMinChars, double nearDuplicateJaccard, int holdoutPercent, double editBoost,
                           double uneditedWeight, double uneditedMaxShare) {

    /** Validates every range, naming the setting. */
    public DatasetRules {
        if (maxReplyChars < 1) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.max-reply-chars must be positive, was " + maxReplyChars);
        }
        languages = languages == null ? Set.of() : languages.stream().map(LanguageGuess::primary)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (minWordsForLanguage < 1) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.min-words-for-language must be positive, was " + minWordsForLanguage);
        }
        handOffText = handOffText == null ? "" : handOffText.strip();
        if (handOffMinChars < 0) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.hand-off-min-chars must be >= 0, was " + handOffMinChars);
        }
        if (!(nearDuplicateJaccard > 0 && nearDuplicateJaccard <= 1)) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.near-duplicate-jaccard must be in (0, 1], was " + nearDuplicateJaccard);
        }
        if (holdoutPercent < 0 || holdoutPercent > 50) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.holdout-percent must be 0-50, was " + holdoutPercent);
        }
        if (!(editBoost >= 0) || Double.isInfinite(editBoost)) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.edit-boost must be finite and >= 0, was " + editBoost);
        }
        if (!(uneditedWeight > 0 && uneditedWeight <= 1)) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.unedited-weight must be in (0, 1], was " + uneditedWeight);
        }
        if (!(uneditedMaxShare >= 0 && uneditedMaxShare <= 1)) {
            throw new IllegalArgumentException("mailtune.trainer.dataset.unedited-max-share must be in [0, 1], was " + uneditedMaxShare);
        }
    }

    /** The defaults documented in docs/configuration.md. */
    public static DatasetRules defaults(String handOffText) {
        return new DatasetRules(4000, Set.of("en"), 12, handOffText, 40, 0.9, 15, 2.0, 0.3, 0.2);
    }

    /** The loss weight of an example: heavily edited replies teach the most, unedited ones the least. */
    public double weight(boolean unedited, double editRate) {
        return unedited ? uneditedWeight : 1 + editBoost * Math.max(0, Math.min(1, editRate));
    }
}
