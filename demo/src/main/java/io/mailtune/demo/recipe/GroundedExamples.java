package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.demo.synthetic.CaseWriter;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.demo.synthetic.SyntheticCase;
import io.mailtune.demo.synthetic.SyntheticCompany;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.draft.SourceSentence;
import io.mailtune.retrieval.search.EmailQuestions;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draft examples with the project's real hybrid retrieval in front: each email's passages are what the knowledge
 * base returns for it, so the drafter learns from (and is measured on) the distractors and misses it will meet.
 */
public final class GroundedExamples {

    /** Passages per prompt. */
    public static final int PASSAGES = 5;

    /** The demo company as a deployment would configure it. */
    public static final CompanyProfile BRIGHTCART = new CompanyProfile("Brightcart", "", "", "en",
            "This needs a member of our team to look at it personally, so I have passed it to a colleague who will follow"
                    + " up with you by email within two business days.");

    private static final GroundedFormat FORMAT = new GroundedFormat();

    private GroundedExamples() {
    }

    /** The search text for an email, as the agent searches it ({@link SearchText}). */
    public static String query(CustomerMessage email) {
        return SearchText.of(email.subject(), email.text());
    }

    /** The sentences of an email searched on their own, as the agent searches them ({@link EmailQuestions}). */
    public static List<String> questions(CustomerMessage email) {
        return EmailQuestions.of(email.text());
    }

    /**
     * Examples for generated cases of synthetic companies already added to {@code index}. An answerable case whose key
     * instruction retrieval did not bring into the prompt has {@code reply == null}: handing it off would teach the
     * model to hand off answerable email (the false hand-offs of the first bundled drafter), so it is not trained on.
     */
    public static List<DraftExample> synthetic(CompanyIndex index, SyntheticCompany company, long seed, int count) {
        CaseWriter writer = new CaseWriter();
        List<DraftExample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SyntheticCase c = writer.caseAt(company, seed, i);
            List<Passage> passages = index.search(company.id(), query(c.email()), questions(c.email()), PASSAGES);
            DraftInput input = new DraftInput(company.profile(), c.email(), c.history(), passages);
            Set<String> shown = FORMAT.sources(input).stream().map(SourceSentence::text).collect(Collectors.toSet());
            boolean writable = c.handOff() || shown.containsAll(c.keyInstructions());
            out.add(new DraftExample(c.caseId(), input, writable ? c.reply(shown::contains) : null, c.reference(),
                    c.keyInstructions(), c.handOff()));
        }
        return out;
    }

    /**
     * Examples for demo cases, searched in {@code demoIndex} (which holds the demo articles, see
     * {@link DemoArticles#copyTo}). A case whose key instruction retrieval did not bring into the prompt keeps its gold
     * reply as reference but is marked by {@code reply == null}: its gold cannot be written from the prompt.
     */
    public static List<DraftExample> demo(KnowledgeBase demoIndex, SupportCaseGenerator generator, List<SupportCase> cases) {
        List<DraftExample> out = new ArrayList<>(cases.size());
        for (SupportCase c : cases) {
            CustomerMessage email = CustomerMessage.of(c.customerName(), c.customerEmail(), c.subject(), c.customerText());
            List<Passage> passages = CompanyIndex.draftPassages(demoIndex.searchForDraft(query(email), questions(email), SearchFilters.NONE, PASSAGES),
                    Set.of());
            DraftInput input = new DraftInput(BRIGHTCART, email, List.of(), passages);
            List<String> keys = c.articleIds().stream().map(id -> generator.knowledgeBase().article(id).keyInstruction()).toList();
            Set<String> shown = FORMAT.sources(input).stream().map(SourceSentence::text).collect(Collectors.toSet());
            boolean writable = shown.containsAll(keys);
            out.add(new DraftExample(c.caseId(), input, writable ? c.goldReply().strip() : null, c.goldReply().strip(), keys,
                    c.isHandOff()));
        }
        return out;
    }
}
