package io.mailtune.agent.review;

/** No draft has the id given. */
public final class DraftNotFoundException extends RuntimeException {

    /** For the missing id. */
    public DraftNotFoundException(String draftId) {
        super("no draft " + draftId);
    }
}
