package io.mailtune.trainer.dataset;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.reply.ThreadTurn;

import java.time.Instant;
import java.util.List;

/**
 * A record offered to the training set, before scrubbing and the quality rules: an approved reply from the agents,
 * or a customer message and the staff reply that answered it from an imported archive.
 *
 * @param recordId        stable id; the reply id for approvals, a hash of both Message-IDs for history
 * @param source          where it came from
 * @param threadId        the conversation (the split is by thread)
 * @param mailbox         the mailbox
 * @param customer        the customer's address and name (erasure matches on the address)
 * @param subject         the subject line
 * @param customerMessage the customer's text that was answered
 * @param draft           the model's draft; empty for history
 * @param reply           what staff sent
 * @param passages        the knowledge-base passages the prompt held
 * @param history         earlier messages of the thread the prompt held
 * @param citedArticles   article ids the reply was grounded in
 * @param language        the reply's declared language, or empty
 * @param editDistance    draft-to-sent Levenshtein distance; for history, the reply's length (written by a human)
 * @param handOff         the draft was a hand-off
 * @param adapterVersion  the adapter that drafted it ({@code base}, or {@code history} for imported mail)
 * @param approvedAt      when it was approved or sent
 * @param modelOutput     the model's raw output the draft was rendered from; empty for history and older approvals
 */
public record Candidate(String recordId, Source source, String threadId, String mailbox, EmailAddress customer,
                        String subject, String customerMessage, String draft, String reply, List<SourcePassage> passages,
                        List<ThreadTurn> history, List<String> citedArticles, String language, int editDistance,
                        boolean handOff, String adapterVersion, Instant approvedAt, String modelOutput) {

    /** Where a record came from. */
    public enum Source {
        /** An approval published on {@code mailtune.approved}. */
        APPROVED,
        /** A pair found in an imported mail archive. */
        HISTORY
    }

    /** The adapter version recorded for examples from imported history. */
    public static final String HISTORY_ADAPTER = "history";

    /** Validates ids and copies lists. */
    public Candidate {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        if (source == null || threadId == null || threadId.isBlank() || customer == null || approvedAt == null) {
            throw new IllegalArgumentException("record " + recordId + ": source, threadId, customer and approvedAt are required");
        }
        mailbox = mailbox == null ? "" : mailbox;
        subject = subject == null ? "" : subject;
        customerMessage = customerMessage == null ? "" : customerMessage;
        draft = draft == null ? "" : draft;
        modelOutput = modelOutput == null ? "" : modelOutput;
        reply = reply == null ? "" : reply;
        passages = List.copyOf(passages == null ? List.of() : passages);
        history = List.copyOf(history == null ? List.of() : history);
        citedArticles = List.copyOf(citedArticles == null ? List.of() : citedArticles);
        language = language == null ? "" : language;
        adapterVersion = adapterVersion == null || adapterVersion.isBlank() ? ApprovedReply.BASE_MODEL : adapterVersion;
        if (editDistance < 0) {
            throw new IllegalArgumentException("record " + recordId + ": editDistance must not be negative");
        }
    }

    /** The candidate an approval stands for. A version 1 record has no customer: the reviewer-side address is unknown. */
    public static Candidate of(ApprovedReply r) {
        EmailAddress customer = r.customer() != null ? r.customer() : EmailAddress.of("unknown@invalid");
        return new Candidate(r.replyId(), Source.APPROVED, r.threadId(), r.mailbox(), customer, r.subject(),
                r.customerMessage(), r.originalDraft(), r.sentText(), r.passages(), r.history(),
                r.citations().stream().map(Citation::articleId).distinct().toList(), r.language(), r.editDistance(),
                r.handOff(), r.adapterVersion(), r.approvedAt(), r.modelOutput());
    }

    /** True when staff sent the model's draft unchanged: the model's own output. */
    public boolean unedited() {
        return source == Source.APPROVED && editDistance == 0;
    }

    /** Edit distance relative to the draft's length, capped at 1; 1 for history (all human-written). */
    public double editRate() {
        if (source == Source.HISTORY) {
            return 1;
        }
        return draft.isEmpty() ? 1 : Math.min(1, (double) editDistance / draft.length());
    }
}
