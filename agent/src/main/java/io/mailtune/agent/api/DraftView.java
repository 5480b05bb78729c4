package io.mailtune.agent.api;

import io.mailtune.agent.store.Confidence;
import io.mailtune.agent.store.DraftTimings;
import io.mailtune.agent.store.PromptPassage;
import io.mailtune.agent.store.ReviewRecord;

import java.time.Instant;
import java.util.List;

/**
 * A draft with everything a reviewer judges it by.
 *
 * @param summary    the queue line
 * @param text       the draft's text (without the signature, which is appended once when sent), or null before
 * @param signature  the signature the sent reply gets
 * @param language   the reply language
 * @param passages   the passages the prompt held, best first, with which ones the draft cites
 * @param confidence retrieval score and mean token log-probability
 * @param timings    queue wait, generation time and speed
 * @param draftedAt  when it was written
 * @param email      the email it answers
 * @param thread     the thread's messages, oldest first, this email included
 * @param review     what the reviewer decided, or null
 * @param reply      the reply's delivery, once approved
 * @param viewers    who else has the draft open
 */
public record DraftView(DraftSummary summary, String text, String signature, String language, List<PromptPassage> passages,
                        Confidence confidence, DraftTimings timings, Instant draftedAt, EmailView email,
                        List<ThreadMessage> thread, ReviewRecord review, ReplyView reply, List<String> viewers) {

    /**
     * A message of the thread.
     *
     * @param author   customer or staff
     * @param emailId  the email, for customer messages
     * @param text     its text
     * @param at       when
     */
    public record ThreadMessage(String author, String emailId, String text, Instant at) {
    }

    /**
     * How the approved reply is being delivered.
     *
     * @param replyId   the reply
     * @param status    PENDING, SENT or IN_DOUBT
     * @param attempts  SMTP attempts
     * @param lastError the last failure, or null
     * @param messageId its Message-ID once sent
     * @param sentAt    when it was sent
     */
    public record ReplyView(String replyId, String status, int attempts, String lastError, String messageId, Instant sentAt) {
    }
}
