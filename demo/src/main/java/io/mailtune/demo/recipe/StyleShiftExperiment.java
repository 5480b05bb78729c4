package io.mailtune.demo.recipe;

import ai.djl.ndarray.NDManager;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.ReplyContent;
import io.mailtune.demo.brightcart.StyleEdit;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.PairedBootstrap;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.tokenizer.ModelTokenizer;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.model.train.Trainer;
import io.mailtune.model.train.TrainingListener;
import io.mailtune.model.train.TrainingMode;
import io.mailtune.model.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The house-style loop at model level: staff approve replies rewritten in a new house style; a LoRA adapter re-tuned
 * on them should make holdout drafts follow the new style while the content stays as good. Content chrF compares the
 * reply bodies (greeting, ticket line and sign-off removed) against the gold body, so the style change itself does
 * not count as a content change.
 */
public final class StyleShiftExperiment {

    /**
     * The measured outcome.
     *
     * @param baseCompliance    share of base-model holdout drafts in the new style
     * @param tunedCompliance   the same with the re-tuned adapter
     * @param baseContentChrF   mean content chrF of base drafts
     * @param tunedContentChrF  mean content chrF of re-tuned drafts
     * @param contentDifference paired bootstrap of tuned minus base content chrF
     * @param trainingSeconds   wall time of the LoRA re-tune
     * @param adapter           the re-tuned adapter
     */
    public record Outcome(double baseCompliance, double tunedCompliance, double baseContentChrF,
                          double tunedContentChrF, PairedBootstrap.Comparison contentDifference, double trainingSeconds,
                          LoraAdapter adapter) {
    }

    private StyleShiftExperiment() {
    }

    /**
     * Re-tunes on {@code edits} (prompt from each case, the staff-approved reply as target) with a fresh {@code lora} adapter
     * and compares drafts for {@code holdout} before and after, in {@code newStyle} over {@code oldStyle}.
     */
    public static Outcome run(LanguageModel model, SupportCaseGenerator generator, List<StyleEdit> edits,
                              List<SupportCase> holdout, HouseStyle oldStyle, HouseStyle newStyle, LoraConfig lora,
                              TrainingOptions options, TrainingListener listener) {
        ModelTokenizer tokenizer = model.tokenizer().orElseThrow();
        List<SupervisedExample> examples = new ArrayList<>();
        for (StyleEdit e : edits) {
            examples.add(SupervisedExample.of(DraftPrompt.forCase(e.supportCase(),
                    Pretraining.articles(generator, e.supportCase())), e.approved()));
        }
        List<TokenSequence> training = new ExampleEncoder(tokenizer, 0f, model.config().maxPositions()).encodeAll(examples);
        LoraAdapter adapter;
        long started = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(model.config(), CheckpointTensors.open(model.directory()), m)) {
            weights.attach(LoraAdapter.initialise(model.config(), lora, options.seed(), false));
            new Trainer(weights, TrainingMode.LORA, options, listener).train(training, List.of(), null);
            adapter = weights.toAdapter();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        DemoEvaluation.Result before = DemoEvaluation.run(model, null, generator, holdout, newStyle, 200);
        DemoEvaluation.Result after = DemoEvaluation.run(model, adapter, generator, holdout, newStyle, 200);
        double[] baseChrF = contentChrF(before.drafts(), holdout, oldStyle);
        double[] tunedChrF = contentChrF(after.drafts(), holdout, newStyle);
        return new Outcome(before.styleCompliance(), after.styleCompliance(), PairedBootstrap.mean(baseChrF),
                PairedBootstrap.mean(tunedChrF), new PairedBootstrap(2000, 0.95).compare(tunedChrF, baseChrF, 7), seconds,
                adapter);
    }

    // chrF of each draft's body against the gold body; a draft not in the expected shape is scored whole.
    private static double[] contentChrF(List<String> drafts, List<SupportCase> cases, HouseStyle style) {
        double[] out = new double[drafts.size()];
        for (int i = 0; i < out.length; i++) {
            String gold = HouseStyle.DEFAULT.parse(cases.get(i).goldReply()).body();
            out[i] = ChrF.STANDARD.score(body(drafts.get(i), style), gold);
        }
        return out;
    }

    private static String body(String draft, HouseStyle style) {
        try {
            ReplyContent c = style.parse(draft);
            return c.body();
        } catch (IllegalArgumentException notInStyle) {
            return draft;
        }
    }
}
