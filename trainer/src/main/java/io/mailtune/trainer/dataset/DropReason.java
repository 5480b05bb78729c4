package io.mailtune.trainer.dataset;

/** Why a record did not become a training example; every drop is recorded with one of these. */
public enum DropReason {
    /** The sent reply (or the customer's message) has no text. */
    EMPTY,
    /** The reply is longer than the configured maximum. */
    TOO_LONG,
    /** The reply is in a language the training set does not take. */
    WRONG_LANGUAGE,
    /** The reply only hands the customer to a colleague: nothing to learn about answering. */
    HAND_OFF_ONLY,
    /** A record with this id is already in the training set. */
    DUPLICATE_ID,
    /** An example with the same normalised text is already in the training set. */
    DUPLICATE_CONTENT,
    /** An example with almost the same text (shingle Jaccard above the threshold) is already in the set. */
    NEAR_DUPLICATE,
    /** The customer asked to be forgotten before this record arrived. */
    ERASED
}
