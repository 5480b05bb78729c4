package io.mailtune.trainer.run;

import io.mailtune.core.reply.SourcePassage;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.draft.PromptBudget;
import io.mailtune.model.tokenizer.ModelTokenizer;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.trainer.dataset.PersonalData;
import io.mailtune.trainer.dataset.StoredExample;

import java.util.List;

/**
 * Turns stored examples into what the model sees, through the configured {@link DraftFormat}: the same prompt the
 * agent builds when it drafts, and the format's training target for the reply staff sent.
 */
public final class ExampleInputs {

    private final DraftFormat format;
    private final CompanyProfile company;
    private final PromptBudget budget;

    /** Inputs for {@code company} in {@code format}, prompts within {@code promptTokens} of {@code tokenizer}. */
    public ExampleInputs(DraftFormat format, CompanyProfile company, ModelTokenizer tokenizer, int promptTokens) {
        this.format = format;
        this.company = company;
        this.budget = new PromptBudget(promptTokens, text -> tokenizer.encode(text).length);
    }

    /** The format in use. */
    public DraftFormat format() {
        return format;
    }

    /** The draft input of a stored example (the sender's address was scrubbed, so the prompt shows its placeholder). */
    public DraftInput input(StoredExample e) {
        List<Passage> passages = e.passages().stream().map(ExampleInputs::passage).toList();
        CustomerMessage email = CustomerMessage.of(e.customerName(), PersonalData.Kind.EMAIL.placeholder(), e.subject(),
                e.customerMessage());
        return new DraftInput(company, email, e.history(), passages);
    }

    /**
     * The supervised example: the format's prompt and its target for the sent reply, made from the model's own output
     * where the approval carried it (the format keeps what the model wrote wherever staff kept the draft).
     */
    public SupervisedExample supervised(StoredExample e, double weight) {
        DraftInput input = input(e);
        return new SupervisedExample(format.prompt(input, budget), format.target(input, e.reply(), e.draft(), e.modelOutput()),
                weight);
    }

    private static Passage passage(SourcePassage p) {
        // Approvals before ApprovedReply v3 do not carry the vector similarity: it is not known (NaN), so the format's
        // answer plan leaves hand-off and quotes to the model for those examples.
        double similarity = p.vectorSimilarity() == null ? Double.NaN : p.vectorSimilarity();
        return new Passage(p.articleId(), p.chunkId(), p.title(), p.url(), p.text(), p.score(), similarity, false);
    }
}
