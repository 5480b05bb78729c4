package io.mailtune.trainer.gate;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.BrightcartProfile;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.Passage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The regression set built from the demo company's generator: held-out support emails ({@link DemoSeeds#HOLDOUT}, never
 * trained on) with the passages their answer needs, the key instruction a right answer contains and the articles it
 * is grounded in. The same seed and count always give the same cases, so every run is measured on the same tasks.
 */
public final class DemoRegressionSet {

    private DemoRegressionSet() {
    }

    /** The first {@code count} held-out cases. */
    public static List<RegressionCase> cases(int count) {
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        CompanyProfile company = BrightcartProfile.profile();
        List<RegressionCase> out = new ArrayList<>();
        for (SupportCase c : generator.generate(DemoSeeds.HOLDOUT, count)) {
            List<Passage> passages = new ArrayList<>();
            LinkedHashSet<String> right = new LinkedHashSet<>();
            String key = null;
            for (String id : c.articleIds()) {
                HelpArticle a = generator.knowledgeBase().article(id);
                passages.add(new Passage(a.id(), a.id() + "#key", a.title(), a.url(), a.keyPassage(), 1.0, 1.0, false));
                right.add(a.id());
                if (key == null) {
                    key = a.keyInstruction();
                }
            }
            DraftInput input = new DraftInput(company, CustomerMessage.of(c.customerName(), c.customerEmail(), c.subject(), c.customerText()),
                    List.of(), passages);
            out.add(new RegressionCase(c.caseId(), input, key, right));
        }
        return out;
    }
}
