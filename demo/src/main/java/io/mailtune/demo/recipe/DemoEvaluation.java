package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.eval.HoldoutExample;
import io.mailtune.model.eval.HoldoutReport;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.runtime.LanguageModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Usefulness on the demo domain: greedy grounded drafts for held-out generated emails with hybrid retrieval in front,
 * scored against the gold reply (chrF), for the first cited article's key instruction, and for compliance with a
 * house style.
 */
public final class DemoEvaluation {

    /**
     * The figures of one run.
     *
     * @param report          chrF and key-instruction rate with per-example scores
     * @param styleCompliance share of drafts meeting every rule of the requested house style
     * @param drafts          the drafts, in case order
     */
    public record Result(HoldoutReport report, double styleCompliance, List<GeneratedDraft> drafts) {

        /** The draft texts. */
        public List<String> texts() {
            return drafts.stream().map(GeneratedDraft::text).toList();
        }
    }

    private DemoEvaluation() {
    }

    /** Drafts and scores every example with the model plus an optional adapter (null for the base model). */
    public static Result run(LanguageModel model, LoraAdapter adapter, List<DraftExample> examples, HouseStyle style,
                             int maxNewTokens) {
        List<GeneratedDraft> drafts = DraftRun.draft(model, adapter, new GroundedFormat(),
                examples.stream().map(DraftExample::input).toList(), maxNewTokens);
        List<HoldoutExample> scored = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            DraftExample e = examples.get(i);
            scored.add(new HoldoutExample(drafts.get(i).text(), e.reference(),
                    e.keyInstructions().isEmpty() ? null : e.keyInstructions().getFirst(), Set.of(), Set.of()));
        }
        HoldoutReport report = HoldoutReport.score(scored, new StyleRules(List.of()));
        return new Result(report, style.complianceRate(drafts.stream().map(GeneratedDraft::text).toList()), drafts);
    }
}
