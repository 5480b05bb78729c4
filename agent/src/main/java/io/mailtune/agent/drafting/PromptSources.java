package io.mailtune.agent.drafting;

import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.ReplyStore;
import io.mailtune.agent.store.StoredEmail;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.Passage;
import io.mailtune.retrieval.search.EmailQuestions;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SearchText;
import io.mailtune.retrieval.source.Visibility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers what a draft is written from: the company, the customer's email as data, the thread's earlier messages
 * (customer mail and replies sent) and the best knowledge-base passages above the similarity floor.
 */
public final class PromptSources {

    private final EmailStore emails;
    private final ReplyStore replies;
    private final KnowledgeBaseHost kb;
    private final int passages;
    private final double minSimilarity;

    /** Sources over the stores and the knowledge base. */
    public PromptSources(EmailStore emails, ReplyStore replies, KnowledgeBaseHost kb, int passages, double minSimilarity) {
        if (passages < 0) {
            throw new IllegalArgumentException("mailtune.knowledge-base.passages must be >= 0, was " + passages);
        }
        this.emails = emails;
        this.replies = replies;
        this.kb = kb;
        this.passages = passages;
        this.minSimilarity = minSimilarity;
    }

    /**
     * The draft input for an email. When the customer wrote in a language the knowledge base has relevant passages in,
     * the reply is in that language and grounded in those passages; otherwise in the company's language.
     */
    public DraftInput input(CompanyProfile company, InboundEmail email) {
        CustomerMessage message = new CustomerMessage(email.from().displayName(), email.from().address(), email.subject(),
                email.normalisedText(), List.of());
        String language = LanguageGuess.of(email.subject() + "\n" + email.normalisedText()).orElse(null);
        List<Passage> inLanguage = language == null ? List.of() : passages(email, language);
        if (!inLanguage.isEmpty()) {
            CompanyProfile speaking = new CompanyProfile(company.name(), company.signature(), company.tone(), language,
                    company.handOffText());
            return new DraftInput(speaking, message, history(email), inLanguage);
        }
        return new DraftInput(company, message, history(email), passages(email, null));
    }

    /** The thread's earlier messages, oldest first: customer mail received before this one and replies sent. */
    List<ThreadTurn> history(InboundEmail email) {
        List<ThreadTurn> turns = new ArrayList<>();
        for (StoredEmail earlier : emails.thread(email.threadId())) {
            InboundEmail e = earlier.email();
            if (!e.emailId().equals(email.emailId()) && e.needsDraft() && e.receivedAt().isBefore(email.receivedAt())) {
                turns.add(new ThreadTurn(ThreadTurn.Author.CUSTOMER, e.normalisedText(), e.sentAt() != null ? e.sentAt() : e.receivedAt()));
            }
        }
        for (ThreadTurn sent : replies.sentInThread(email.threadId())) {
            if (sent.at() == null || sent.at().isBefore(email.receivedAt())) {
                turns.add(sent);
            }
        }
        turns.sort(Comparator.comparing(t -> t.at() == null ? Instant.EPOCH : t.at()));
        return turns;
    }

    /**
     * The best passages for the email, best first, with the other passages of the best one's article after it
     * ({@link KnowledgeBaseHost#searchForDraft}), leaving out those below the similarity floor (but for that
     * article's, once its best passage is in); only articles in {@code language} unless it is null.
     */
    List<Passage> passages(InboundEmail email, String language) {
        if (passages == 0) {
            return List.of();
        }
        String query = SearchText.of(email.subject(), email.normalisedText());
        List<Passage> out = new ArrayList<>();
        List<SearchHit> hits = kb.searchForDraft(query, EmailQuestions.of(email.normalisedText()), language, passages);
        // The best article's other sections are kept whatever their own similarity: its match is the article's.
        String bestArticle = hits.stream().filter(h -> h.visibility() != Visibility.INTERNAL).findFirst()
                .map(h -> h.citation().articleId()).orElse(null);
        for (SearchHit hit : hits) {
            double similarity = Double.isNaN(hit.score().vectorSimilarity()) ? 0 : hit.score().vectorSimilarity();
            boolean ofBestArticle = hit.citation().articleId().equals(bestArticle)
                    && out.stream().anyMatch(p -> p.articleId().equals(bestArticle));
            if (similarity < minSimilarity && !ofBestArticle) {
                continue;
            }
            out.add(new Passage(hit.citation().articleId(), hit.citation().chunkId(), hit.citation().title(),
                    hit.citation().url(), hit.text(), hit.score().fused(), similarity, hit.visibility() == Visibility.INTERNAL));
        }
        return out;
    }
}
