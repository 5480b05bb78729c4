package io.mailtune.ops.training;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.demo.recipe.StyleShiftExperiment;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.DemoRetrieval;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.brightcart.StyleEdit;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The house-style loop experiment on the bundled model: 200 approved replies restyled into
 * {@link HouseStyle#TICKETED} ({@code DemoSeeds.STYLE_SHIFT}), a LoRA re-tune on them (grounded prompts with hybrid
 * retrieval in front, targets from the format), and compliance and content
 * chrF of drafts for held-out emails ({@code DemoSeeds.STYLE_HOLDOUT}) before and after.
 * Run: {@code java -cp <ops classpath> io.mailtune.ops.training.StyleShiftHarness [--model DIR] [--holdout N]
 * [--steps N] [--lr PEAK] [--targets q_proj,v_proj,...] [--adapter-out DIR]}; without {@code --model} it uses the
 * bundled model. Defaults: all seven projections, r=8, alpha=16, lr 5e-3 to 5e-4, 60 steps.
 */
public final class StyleShiftHarness {

    private StyleShiftHarness() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int holdout = 100;
        int steps = 60;
        Path dir = null;
        Path adapterOut = null;
        double lr = 5e-3;
        Set<LoraTarget> targets = EnumSet.allOf(LoraTarget.class);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> dir = Path.of(args[i + 1]);
                case "--holdout" -> holdout = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--adapter-out" -> adapterOut = Path.of(args[i + 1]);
                case "--lr" -> lr = Double.parseDouble(args[i + 1]);
                case "--targets" -> {
                    targets = EnumSet.noneOf(LoraTarget.class);
                    for (String t : args[i + 1].split(",")) {
                        targets.add(LoraTarget.fromModuleName(t.strip()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            dir = BundledModel.extractTo(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-models"));
        }
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        TrainingOptions options = TrainingOptions.lora(steps, 17).withLearningRate(lr, lr / 10).withBatching(4096, 16, 1);
        List<DraftExample> approved = new ArrayList<>();
        List<DraftExample> held;
        try (KnowledgeBase kb = DemoRetrieval.open(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-style-shift"),
                new MiniLmEncoder())) {
            List<StyleEdit> edits = generator.styleEdits(DemoSeeds.STYLE_SHIFT, 200, HouseStyle.TICKETED);
            List<DraftExample> drafted = GroundedExamples.demo(kb, generator, edits.stream().map(StyleEdit::supportCase).toList());
            for (int i = 0; i < edits.size(); i++) {
                DraftExample e = drafted.get(i);
                if (e.reply() != null) {  // retrieval brought what the reply quotes into the prompt
                    approved.add(new DraftExample(e.caseId(), e.input(), edits.get(i).approved(), edits.get(i).approved(),
                            e.keyInstructions(), e.handOff()));
                }
            }
            held = GroundedExamples.demo(kb, generator, generator.generate(DemoSeeds.STYLE_HOLDOUT, holdout));
        }
        try (LanguageModel model = LanguageModel.load(dir)) {
            StyleShiftExperiment.Outcome o = StyleShiftExperiment.run(model, approved, held, HouseStyle.DEFAULT,
                    HouseStyle.TICKETED, new LoraConfig(8, 16, targets, false, "mailtune-bundled"), options, p -> {
                        if (p.step() % 10 == 0) {
                            System.out.println(p);
                        }
                    });
            System.out.println("approved replies trained on: " + approved.size() + " of 200 (the rest quote a sentence"
                    + " retrieval did not bring into the prompt); example re-tuned draft:\n" + o.tunedDrafts().getFirst());
            System.out.printf(Locale.ROOT, "style compliance (%s) on %d holdout drafts: base %.1f %% -> re-tuned %.1f %%%n",
                    HouseStyle.TICKETED.name(), holdout, 100 * o.baseCompliance(), 100 * o.tunedCompliance());
            System.out.printf(Locale.ROOT, "content chrF: base %.2f -> re-tuned %.2f (difference %.2f, 95 %% CI %.2f .. %.2f);"
                            + " LoRA re-tune %.0f s (%d steps)%n", o.baseContentChrF(), o.tunedContentChrF(),
                    o.contentDifference().meanDifference(), o.contentDifference().lowerBound(), o.contentDifference().upperBound(),
                    o.trainingSeconds(), steps);
            if (adapterOut != null) {
                PeftFormat.write(o.adapter(), adapterOut);
            }
        }
    }
}
