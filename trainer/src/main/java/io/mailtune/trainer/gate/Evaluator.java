package io.mailtune.trainer.gate;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.draft.Drafter;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.KeyInstruction;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.tokenizer.ModelTokenizer;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.HoldoutLoss;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.trainer.dataset.StoredExample;
import io.mailtune.trainer.run.ExampleInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Scores one model (the base plus an adapter, or the bare base) on the holdout and the regression set: greedy drafts
 * through {@link Drafter} on a {@link Generator} over an {@link AdapterHandle} holding the adapter, then per example
 * chrF against replies staff wrote without a draft in front of them, {@link EditUptake} for replies they edited from
 * a draft, house-style compliance, citation of the reply's articles, the key instruction of regression cases, and
 * the mean token loss of the approved reply (teacher-forced).
 */
public final class Evaluator {

    /** Metric names, in report order. */
    public static final String HOLDOUT_LOSS = "holdout.loss";
    /** chrF of the draft against a reply staff wrote without a draft (imported history). */
    public static final String HOLDOUT_CHRF = "holdout.chrF";
    /** {@link EditUptake} of the draft, for replies staff edited from the draft they were shown. */
    public static final String HOLDOUT_EDIT_UPTAKE = "holdout.editUptake";
    /** Share of drafts meeting every house-style rule. */
    public static final String HOLDOUT_STYLE = "holdout.style";
    /** Share of grounded holdout drafts citing one of the reply's articles. */
    public static final String HOLDOUT_CITATION = "holdout.citation";
    /** Share of regression drafts containing the case's key instruction. */
    public static final String REGRESSION_KEY = "regression.keyInstruction";
    /** Share of grounded regression drafts citing a right article. */
    public static final String REGRESSION_CITATION = "regression.citation";

    private final LanguageModel model;
    private final ExampleInputs inputs;
    private final StyleRules style;
    private final DraftSettings drafting;
    private final int lossBatchTokens;

    /** An evaluator of drafts from {@code model} through {@code inputs}' format. */
    public Evaluator(LanguageModel model, ExampleInputs inputs, StyleRules style, DraftSettings drafting, int lossBatchTokens) {
        this.model = model;
        this.inputs = inputs;
        this.style = style;
        this.drafting = drafting;
        this.lossBatchTokens = lossBatchTokens;
    }

    /** Per-example scores by metric name; every array of a metric lists the same examples for every model. */
    public record Scores(Map<String, double[]> byMetric, List<String> holdoutDrafts, List<String> regressionDrafts) {
    }

    /** Scores the base model plus {@code adapter} (null: the bare base model). */
    public Scores score(String label, LoraAdapter adapter, List<StoredExample> holdout, List<RegressionCase> regression) {
        ModelTokenizer tokenizer = model.tokenizer().orElseThrow(() -> new IllegalStateException("the base model has no tokenizer"));
        AdapterHandle handle = new AdapterHandle(model);
        if (adapter != null) {
            handle.install(label, adapter);
        }
        List<GeneratedDraft> holdoutDrafts = new ArrayList<>();
        List<GeneratedDraft> regressionDrafts = new ArrayList<>();
        int requests = holdout.size() + regression.size();
        try (Generator generator = new Generator(model, handle, new GeneratorOptions(8, Math.max(16, requests + 1), 2048))) {
            Drafter drafter = new Drafter(generator, tokenizer, inputs.format(), drafting);
            List<CompletableFuture<GeneratedDraft>> h = new ArrayList<>();
            for (StoredExample e : holdout) {
                h.add(drafter.draft(inputs.input(e)));
            }
            List<CompletableFuture<GeneratedDraft>> r = new ArrayList<>();
            for (RegressionCase c : regression) {
                r.add(drafter.draft(c.input()));
            }
            h.forEach(f -> holdoutDrafts.add(f.join()));
            r.forEach(f -> regressionDrafts.add(f.join()));
        } finally {
            handle.clear();
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put(HOLDOUT_LOSS, negatedLosses(adapter, holdout, tokenizer));
        List<Double> chrF = new ArrayList<>();
        List<Double> uptake = new ArrayList<>();
        double[] styleScores = new double[holdout.size()];
        List<Double> citation = new ArrayList<>();
        for (int i = 0; i < holdout.size(); i++) {
            StoredExample e = holdout.get(i);
            GeneratedDraft d = holdoutDrafts.get(i);
            // Reviewers keep most of the draft they are shown, so chrF against an approval favours that draft's author.
            if (e.draft().isBlank()) {
                chrF.add(ChrF.STANDARD.score(d.text(), e.reply()));
            }
            EditUptake.of(d.text(), e.draft(), e.reply()).ifPresent(uptake::add);
            styleScores[i] = style.compliant(d.text()) ? 1 : 0;
            if (!e.citedArticles().isEmpty()) {
                citation.add(cites(d, Set.copyOf(e.citedArticles())) ? 1.0 : 0.0);
            }
        }
        scores.put(HOLDOUT_CHRF, toArray(chrF));
        scores.put(HOLDOUT_EDIT_UPTAKE, toArray(uptake));
        if (!style.rules().isEmpty()) {
            scores.put(HOLDOUT_STYLE, styleScores);
        }
        scores.put(HOLDOUT_CITATION, toArray(citation));
        List<Double> key = new ArrayList<>();
        List<Double> cited = new ArrayList<>();
        for (int i = 0; i < regression.size(); i++) {
            RegressionCase c = regression.get(i);
            GeneratedDraft d = regressionDrafts.get(i);
            if (c.keyInstruction() != null) {
                key.add(KeyInstruction.containedIn(d.text(), c.keyInstruction()) ? 1.0 : 0.0);
            }
            if (!c.handOff()) {
                cited.add(cites(d, c.rightArticles()) ? 1.0 : 0.0);
            }
        }
        scores.put(REGRESSION_KEY, toArray(key));
        scores.put(REGRESSION_CITATION, toArray(cited));
        return new Scores(scores, holdoutDrafts.stream().map(GeneratedDraft::text).toList(),
                regressionDrafts.stream().map(GeneratedDraft::text).toList());
    }

    /** Whether a metric can carry a promotion: the holdout's, not the regression set's (that one guards). */
    public static boolean winnable(String metric) {
        return metric.equals(HOLDOUT_LOSS) || metric.equals(HOLDOUT_CHRF) || metric.equals(HOLDOUT_EDIT_UPTAKE)
                || metric.equals(HOLDOUT_STYLE);
    }

    private double[] negatedLosses(LoraAdapter adapter, List<StoredExample> holdout, ModelTokenizer tokenizer) {
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, 0f, Integer.MAX_VALUE);
        double[] out = new double[holdout.size()];
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(model.config(), CheckpointTensors.open(model.directory()), m)) {
            if (adapter != null) {
                weights.attach(adapter);
            }
            for (int i = 0; i < holdout.size(); i++) {
                TokenSequence s = encoder.encode(inputs.supervised(holdout.get(i), 1.0));
                if (s.length() > model.config().maxPositions()) {
                    s = new TokenSequence(java.util.Arrays.copyOf(s.tokens(), model.config().maxPositions()),
                            java.util.Arrays.copyOf(s.weights(), model.config().maxPositions()));
                }
                out[i] = -HoldoutLoss.of(weights, List.of(s), lossBatchTokens).meanLoss();
            }
        }
        return out;
    }

    private static boolean cites(GeneratedDraft d, Set<String> articles) {
        Set<String> cited = d.cited().stream().map(Passage::articleId).collect(Collectors.toSet());
        return cited.stream().anyMatch(articles::contains);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
