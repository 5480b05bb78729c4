package io.mailtune.ops.training;

import io.mailtune.demo.brightcart.BrightcartProfile;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.demo.recipe.DemoRetrieval;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.DraftRun;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.recipe.StyleShiftExperiment;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.PromptBudget;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.PairedBootstrap;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.TrainingOptions;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole loop's re-tune without the services, to see why a gate accepts or rejects it: the base model drafts demo
 * emails (the demo profile, hybrid retrieval in front), a reviewer's consistent edit turns each draft's "Hi" into
 * "Dear", a LoRA adapter is re-tuned on 70 % of the edited drafts with the trainer's defaults, and both models draft
 * the other 30 %; chrF against the edited drafts, greeting compliance, and the drafts that moved most are printed.
 * Run: {@code java -cp <ops classpath> io.mailtune.ops.training.EditLoopHarness [--cases N] [--steps N] [--lr PEAK]
 * [--show N] [--edit GREETING] [--targets q_proj,v_proj,...] [--targets-from model-output|sent-reply]}; defaults 64 cases, 12 steps, lr 5e-3 to 5e-4 (WholeLoopIT's run).
 */
public final class EditLoopHarness {

    private EditLoopHarness() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int count = 64;
        int steps = 12;
        int show = 6;
        double lr = 5e-3;
        boolean ownOutput = true;
        String edit = "Dear";
        Set<LoraTarget> targets = EnumSet.allOf(LoraTarget.class);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cases" -> count = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--lr" -> lr = Double.parseDouble(args[i + 1]);
                case "--show" -> show = Integer.parseInt(args[i + 1]);
                case "--edit" -> edit = args[i + 1];
                case "--targets-from" -> ownOutput = args[i + 1].equals("model-output");
                case "--targets" -> {
                    targets = EnumSet.noneOf(LoraTarget.class);
                    for (String t : args[i + 1].split(",")) {
                        targets.add(LoraTarget.fromModuleName(t.strip()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = BundledModel.extractTo(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-models"));
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        List<SupportCase> cases = generator.generate(DemoSeeds.STYLE_SHIFT + 7, count + 20).stream()
                .filter(c -> !c.isHandOff()).limit(count).toList();
        List<DraftInput> inputs = new ArrayList<>();
        try (KnowledgeBase kb = DemoRetrieval.open(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-edit-loop"),
                new MiniLmEncoder())) {
            for (DraftExample e : GroundedExamples.demo(kb, generator, cases)) {
                inputs.add(new DraftInput(BrightcartProfile.profile(), e.input().email(), e.input().history(), e.input().passages()));
            }
        }
        try (LanguageModel model = LanguageModel.load(dir)) {
            GroundedFormat format = new GroundedFormat();
            List<GeneratedDraft> base = DraftRun.draft(model, null, format, inputs, 200);
            List<DraftExample> train = new ArrayList<>();
            List<DraftExample> held = new ArrayList<>();
            List<String> heldBase = new ArrayList<>();
            List<String> trainTargets = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String approved = base.get(i).text().replaceFirst("^Hi ", edit + " ");
                String target = ownOutput ? format.target(inputs.get(i), approved, base.get(i).text(), base.get(i).modelOutput())
                        : format.target(inputs.get(i), approved);
                DraftExample e = new DraftExample("edit-" + i, inputs.get(i), approved, approved, List.of(), false);
                if (i % 10 < 7) {
                    train.add(e);
                    trainTargets.add(target);
                } else {
                    held.add(e);
                    heldBase.add(base.get(i).text());
                }
            }
            System.out.println("example target:\n" + trainTargets.getFirst()
                    + "\nmodel output it came from:\n" + base.getFirst().modelOutput());
            long terse = trainTargets.stream().filter(t -> t.matches("(?s)[^\\n]*\\n\\n\\{\\d.*")).count();
            long handOffs = trainTargets.stream().filter(t -> t.contains("{handoff}")).count();
            System.out.printf(Locale.ROOT, "targets: %d open with a quote, %d hand off, %d drafts rendered as they were written%n",
                    terse, handOffs, trainTargets.size());
            TrainingOptions options = TrainingOptions.lora(steps, 17).withLearningRate(lr, lr / 10).withBatching(4096, 16, 1);
            long started = System.nanoTime();
            // The prompts the drafts were written from (DraftRun's budget, the model's tokenizer), as the trainer rebuilds them.
            PromptBudget budget = new PromptBudget(Math.min(model.config().maxPositions(), 4096) - 200,
                    text -> model.tokenizer().orElseThrow().encode(text).length);
            List<SupervisedExample> supervised = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                supervised.add(SupervisedExample.of(format.prompt(train.get(i).input(), budget), trainTargets.get(i)));
            }
            LoraAdapter adapter = StyleShiftExperiment.train(model, supervised,
                    new LoraConfig(8, 16, targets, false, "mailtune-bundled"), options, p -> { });
            double seconds = (System.nanoTime() - started) / 1e9;
            List<GeneratedDraft> tuned = DraftRun.draft(model, adapter, format, held.stream().map(DraftExample::input).toList(), 200);
            double[] liveChrF = new double[held.size()];
            double[] candidateChrF = new double[held.size()];
            int liveDear = 0;
            int candidateDear = 0;
            for (int i = 0; i < held.size(); i++) {
                liveChrF[i] = ChrF.STANDARD.score(heldBase.get(i), held.get(i).reply());
                candidateChrF[i] = ChrF.STANDARD.score(tuned.get(i).text(), held.get(i).reply());
                liveDear += heldBase.get(i).startsWith(edit + " ") ? 1 : 0;
                candidateDear += tuned.get(i).text().startsWith(edit + " ") ? 1 : 0;
            }
            // Edit uptake: how much closer a draft is to the reply staff sent than to the draft they were shown.
            double[] liveUptake = new double[held.size()];
            double[] candidateUptake = new double[held.size()];
            for (int i = 0; i < held.size(); i++) {
                liveUptake[i] = liveChrF[i] - ChrF.STANDARD.score(heldBase.get(i), heldBase.get(i));
                candidateUptake[i] = candidateChrF[i] - ChrF.STANDARD.score(tuned.get(i).text(), heldBase.get(i));
            }
            PairedBootstrap.Comparison u = new PairedBootstrap(2000, 0.95).compare(candidateUptake, liveUptake, 7);
            PairedBootstrap.Comparison c = new PairedBootstrap(2000, 0.95).compare(candidateChrF, liveChrF, 7);
            System.out.printf(Locale.ROOT, "%d training / %d holdout; %d steps in %.0f s%n", train.size(), held.size(), steps, seconds);
            System.out.printf(Locale.ROOT, "greets with " + edit + ": live %d, candidate %d of %d%n", liveDear, candidateDear, held.size());
            System.out.printf(Locale.ROOT, "chrF against the approved: live %.2f, candidate %.2f (%.2f, 95 %% CI %.2f .. %.2f)%n",
                    c.baselineMean(), c.candidateMean(), c.meanDifference(), c.lowerBound(), c.upperBound());
            System.out.printf(Locale.ROOT, "edit uptake: live %.2f, candidate %.2f (%.2f, 95 %% CI %.2f .. %.2f)%n",
                    u.baselineMean(), u.candidateMean(), u.meanDifference(), u.lowerBound(), u.upperBound());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < held.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Double.compare(candidateChrF[a] - liveChrF[a], candidateChrF[b] - liveChrF[b]));
            for (int i : order.subList(0, Math.min(show, order.size()))) {
                System.out.printf(Locale.ROOT, "%n=== holdout %d: live %.1f, candidate %.1f%n--- approved:%n%s%n--- candidate:%n%s%n"
                                + "--- candidate model output:%n%s%n", i, liveChrF[i], candidateChrF[i], held.get(i).reply(),
                        tuned.get(i).text(), tuned.get(i).modelOutput());
            }
        }
    }
}
