package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.eval.HoldoutExample;
import io.mailtune.model.eval.HoldoutReport;
import io.mailtune.model.eval.KeyInstruction;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.tokenizer.ModelTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Usefulness on the demo domain: greedy drafts for held-out generated emails, each given the articles it cites
 * (as {@link DraftPrompt} lays them out), scored against the gold reply (chrF), for the first cited article's key
 * instruction, for citing the right article (a draft cites an article when it contains that article's key
 * instruction; the gold replies carry no links), and for compliance with a house style.
 */
public final class DemoEvaluation {

    /**
     * The figures of one run.
     *
     * @param report          chrF, key-instruction rate, citation accuracy with per-example scores
     * @param styleCompliance share of drafts meeting every rule of the requested house style
     * @param drafts          the drafts, in case order
     */
    public record Result(HoldoutReport report, double styleCompliance, List<String> drafts) {
    }

    private DemoEvaluation() {
    }

    /** Drafts and scores every case with the model plus an optional adapter (null for the base model). */
    public static Result run(LanguageModel model, LoraAdapter adapter, SupportCaseGenerator generator,
                             List<SupportCase> cases, HouseStyle style, int maxNewTokens) {
        ModelTokenizer tokenizer = model.tokenizer()
                .orElseThrow(() -> new IllegalArgumentException("evaluation needs a model loaded with its tokenizer"));
        AdapterHandle handle = new AdapterHandle(model);
        if (adapter != null) {
            handle.install("evaluation-" + System.nanoTime(), adapter);
        }
        List<String> drafts = new ArrayList<>();
        try (Generator drafter = new Generator(model, handle, GeneratorOptions.defaults())) {
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (SupportCase c : cases) {
                int[] prompt = tokenizer.encodeChat(DraftPrompt.forCase(c, Pretraining.articles(generator, c)));
                pending.add(drafter.submit(GenerationRequest.greedy(prompt, maxNewTokens)).result()
                        .thenApply(r -> r.text()));
            }
            for (CompletableFuture<String> f : pending) {
                drafts.add(f.join().strip());
            }
        } finally {
            handle.clear();
        }
        List<HoldoutExample> examples = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            SupportCase c = cases.get(i);
            List<HelpArticle> right = Pretraining.articles(generator, c);
            Set<String> cited = new LinkedHashSet<>();
            for (HelpArticle a : generator.knowledgeBase().articles()) {
                if (KeyInstruction.containedIn(drafts.get(i), a.keyInstruction())) {
                    cited.add(a.id());
                }
            }
            examples.add(new HoldoutExample(drafts.get(i), c.goldReply(),
                    right.isEmpty() ? null : right.getFirst().keyInstruction(), cited, Set.copyOf(c.articleIds())));
        }
        HoldoutReport report = HoldoutReport.score(examples, new StyleRules(List.of()));
        return new Result(report, style.complianceRate(drafts), drafts);
    }
}
