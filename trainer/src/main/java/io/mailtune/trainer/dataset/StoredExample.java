package io.mailtune.trainer.dataset;

import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.reply.ThreadTurn;

import java.util.List;

/**
 * A training example as stored: scrubbed texts, the prompt's parts and the edit figures.
 *
 * @param exampleId     the record id it came from
 * @param source        approvals or imported history
 * @param threadId      its conversation
 * @param side          train or holdout (its thread's side)
 * @param customerName  the customer's display name (replies greet by name)
 * @param subject       the subject line, scrubbed
 * @param customerMessage the customer's text, scrubbed
 * @param draft         the model's draft, scrubbed (empty for history)
 * @param reply         the sent reply, scrubbed: the training target
 * @param passages      the prompt's passages, scrubbed
 * @param history       the prompt's earlier messages, scrubbed
 * @param citedArticles article ids the reply was grounded in
 * @param language      the reply's language
 * @param editRate      edit distance relative to the draft, 0-1
 * @param unedited      sent exactly as drafted
 * @param contentHash   hash of the normalised message and reply
 * @param modelOutput   the model's raw output the draft was rendered from, scrubbed (empty when not known)
 */
public record StoredExample(String exampleId, Candidate.Source source, String threadId, Side side, String customerName,
                            String subject, String customerMessage, String draft, String reply,
                            List<SourcePassage> passages, List<ThreadTurn> history, List<String> citedArticles,
                            String language, double editRate, boolean unedited, String contentHash, String modelOutput) {
}
