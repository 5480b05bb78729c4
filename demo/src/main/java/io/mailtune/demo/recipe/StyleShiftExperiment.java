package io.mailtune.demo.recipe;

import ai.djl.ndarray.NDManager;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.ReplyContent;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.PairedBootstrap;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.model.train.Trainer;
import io.mailtune.model.train.TrainingListener;
import io.mailtune.model.train.TrainingMode;
import io.mailtune.model.train.TrainingOptions;

import java.util.List;

/**
 * The house-style loop at model level: staff approve replies rewritten in a new house style; a LoRA adapter re-tuned
 * on them (grounded prompts, targets from {@code GroundedFormat.target}, exactly as the trainer builds them) should
 * make holdout drafts follow the new style while the content stays as good. Content chrF compares the reply bodies
 * (greeting, line under it and sign-off removed) against the gold body, so the style change itself does not count as
 * a content change.
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
     * @param tunedDrafts       the re-tuned drafts, in holdout order
     */
    public record Outcome(double baseCompliance, double tunedCompliance, double baseContentChrF,
                          double tunedContentChrF, PairedBootstrap.Comparison contentDifference, double trainingSeconds,
                          LoraAdapter adapter, List<String> tunedDrafts) {
    }

    private StyleShiftExperiment() {
    }

    /** A fresh LoRA adapter trained on {@code examples} (prompt and approved reply each). */
    public static LoraAdapter retune(LanguageModel model, List<DraftExample> examples, LoraConfig lora,
                                     TrainingOptions options, TrainingListener listener) {
        return train(model, examples.stream().map(e -> Pretraining.example(e, model.config().maxPositions())).toList(),
                lora, options, listener);
    }

    /** A fresh LoRA adapter trained on {@code supervised} examples. */
    public static LoraAdapter train(LanguageModel model, List<SupervisedExample> supervised, LoraConfig lora,
                                    TrainingOptions options, TrainingListener listener) {
        List<TokenSequence> training = new ExampleEncoder(model.tokenizer().orElseThrow(), 0f, model.config().maxPositions())
                .encodeAll(supervised);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(model.config(), CheckpointTensors.open(model.directory()), m)) {
            weights.attach(LoraAdapter.initialise(model.config(), lora, options.seed(), false));
            new Trainer(weights, TrainingMode.LORA, options, listener).train(training, List.of(), null);
            return weights.toAdapter();
        }
    }

    /**
     * Re-tunes on {@code approved} (each example's reply is the staff-approved text in {@code newStyle}) and compares
     * drafts for {@code holdout} (references in {@code oldStyle}) before and after.
     */
    public static Outcome run(LanguageModel model, List<DraftExample> approved, List<DraftExample> holdout,
                              HouseStyle oldStyle, HouseStyle newStyle, LoraConfig lora, TrainingOptions options,
                              TrainingListener listener) {
        long started = System.nanoTime();
        LoraAdapter adapter = retune(model, approved, lora, options, listener);
        double seconds = (System.nanoTime() - started) / 1e9;
        DemoEvaluation.Result before = DemoEvaluation.run(model, null, holdout, newStyle, 200);
        DemoEvaluation.Result after = DemoEvaluation.run(model, adapter, holdout, newStyle, 200);
        double[] baseChrF = contentChrF(before.texts(), holdout, oldStyle);
        double[] tunedChrF = contentChrF(after.texts(), holdout, newStyle);
        return new Outcome(before.styleCompliance(), after.styleCompliance(), PairedBootstrap.mean(baseChrF),
                PairedBootstrap.mean(tunedChrF), new PairedBootstrap(2000, 0.95).compare(tunedChrF, baseChrF, 7), seconds,
                adapter, after.texts());
    }

    // chrF of each draft's body against the gold body; a draft not in the expected shape is scored whole.
    private static double[] contentChrF(List<String> drafts, List<DraftExample> cases, HouseStyle style) {
        double[] out = new double[drafts.size()];
        for (int i = 0; i < out.length; i++) {
            String gold = HouseStyle.DEFAULT.parse(cases.get(i).reference()).body();
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
