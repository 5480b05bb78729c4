package io.mailtune.agent.api;

import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.StoredEmail;

import java.time.Instant;

/**
 * A line of the review queue.
 *
 * @param draftId        the draft
 * @param version        its version, to send back with any action
 * @param status         where it is
 * @param mailbox        the mailbox
 * @param emailId        the email it answers
 * @param threadId       the conversation
 * @param from           the customer's address
 * @param fromName       the customer's name, or null
 * @param subject        the email's subject
 * @param arrivedAt      when the email arrived
 * @param ageSeconds     how long ago
 * @param handOff        the draft hands the email to a person
 * @param adapterVersion the adapter that wrote it, or null before it is written
 * @param topSimilarity  the best passage's similarity with the email, or null before it is written
 * @param failure        why drafting failed, or null
 */
public record DraftSummary(String draftId, long version, String status, String mailbox, String emailId, String threadId,
                           String from, String fromName, String subject, Instant arrivedAt, long ageSeconds, boolean handOff,
                           String adapterVersion, Double topSimilarity, String failure) {

    static DraftSummary of(Draft d, StoredEmail e, Instant now) {
        var w = d.written();
        return new DraftSummary(d.draftId(), d.version(), d.status().name(), d.mailbox(), d.emailId(), d.threadId(),
                e == null ? null : e.email().from().address(), e == null ? null : e.email().from().displayName(),
                e == null ? null : e.email().subject(), d.arrivedAt(), Math.max(0, now.getEpochSecond() - d.arrivedAt().getEpochSecond()),
                w != null && w.handOff(), w == null ? null : w.adapterVersion(), w == null ? null : w.confidence().topSimilarity(),
                d.failure());
    }
}
