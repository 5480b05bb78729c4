package io.mailtune.agent.web;

/**
 * What every desk page's frame shows: who is signed in, where they are, and how many drafts wait for review.
 *
 * @param user    the signed-in reviewer
 * @param admin   whether they are an admin
 * @param active  the section shown: queue, flagged or dashboard
 * @param ready   drafts ready for review, deployment-wide
 * @param title   the page's title
 */
public record Chrome(String user, boolean admin, String active, long ready, String title) {

    /** Whether {@code section} is the one shown, for the navigation's highlight. */
    public boolean at(String section) {
        return active.equals(section);
    }
}
