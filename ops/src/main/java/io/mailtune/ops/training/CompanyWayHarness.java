package io.mailtune.ops.training;

import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.DraftRun;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.recipe.PretrainRecipe;
import io.mailtune.demo.recipe.StyleShiftExperiment;
import io.mailtune.demo.synthetic.CompanyGenerator;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.demo.synthetic.SyntheticCompany;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.PairedBootstrap;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.TrainingOptions;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Does a LoRA learn one company's own way of answering from its approved replies? A held-out generated company
 * (never trained on) answers 300 emails in its own voice (greeting, openings, acknowledgements, closing, sign-off);
 * a LoRA re-tune on them, then chrF of greedy drafts against the company's replies to 100 further emails, before and
 * after, with a paired bootstrap.
 * Run: {@code java -cp <ops classpath> io.mailtune.ops.training.CompanyWayHarness [--model DIR] [--company I]
 * [--train 300] [--holdout 100] [--steps 60] [--lr 5e-3]}.
 */
public final class CompanyWayHarness {

    private CompanyWayHarness() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Path dir = null;
        int companyIndex = 100;
        int train = 300;
        int holdout = 100;
        int steps = 60;
        double lr = 5e-3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> dir = Path.of(args[i + 1]);
                case "--company" -> companyIndex = Integer.parseInt(args[i + 1]);
                case "--train" -> train = Integer.parseInt(args[i + 1]);
                case "--holdout" -> holdout = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--lr" -> lr = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            dir = BundledModel.extractTo(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-models"));
        }
        SyntheticCompany company = new CompanyGenerator().company(PretrainRecipe.HELD_OUT_COMPANY_SEED, companyIndex);
        List<DraftExample> all;
        try (CompanyIndex index = new CompanyIndex(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-company-way"),
                new MiniLmEncoder())) {
            index.add(company);
            all = GroundedExamples.synthetic(index, company, 23L, train + holdout);
        }
        // A reply quoting a sentence retrieval did not bring into the prompt has no grounded target (reply == null).
        List<DraftExample> approved = all.subList(0, train).stream().filter(e -> e.reply() != null).toList();
        List<DraftExample> held = all.subList(train, all.size());
        System.out.println("approved replies trained on: " + approved.size() + " of " + train
                + " (the rest quote a sentence retrieval did not bring into the prompt)");
        System.out.println("company " + company.profile().name() + " (" + company.style().family() + "), greeting '"
                + company.style().greeting() + "', sign-off '" + company.signOff().replace("\n", " / ") + "'");
        TrainingOptions options = TrainingOptions.lora(steps, 17).withLearningRate(lr, lr / 10).withBatching(4096, 16, 1);
        try (LanguageModel model = LanguageModel.load(dir)) {
            long started = System.nanoTime();
            LoraAdapter adapter = StyleShiftExperiment.retune(model, approved,
                    new LoraConfig(8, 16, EnumSet.allOf(LoraTarget.class), false, "mailtune-bundled"), options, p -> {
                        if (p.step() % 10 == 0) {
                            System.out.println(p);
                        }
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            List<GeneratedDraft> before = DraftRun.draft(model, null, DraftFormats.forModel(model),
                    held.stream().map(DraftExample::input).toList(), 200);
            List<GeneratedDraft> after = DraftRun.draft(model, adapter, DraftFormats.forModel(model),
                    held.stream().map(DraftExample::input).toList(), 200);
            double[] b = new double[held.size()];
            double[] a = new double[held.size()];
            for (int i = 0; i < held.size(); i++) {
                b[i] = ChrF.STANDARD.score(before.get(i).text(), held.get(i).reference());
                a[i] = ChrF.STANDARD.score(after.get(i).text(), held.get(i).reference());
            }
            PairedBootstrap.Comparison c = new PairedBootstrap(2000, 0.95).compare(a, b, 7);
            System.out.printf(Locale.ROOT, "chrF against the company's held-out replies (%d): base %.2f -> re-tuned %.2f"
                            + " (difference %.2f, 95 %% CI %.2f .. %.2f); LoRA re-tune on %d replies %.0f s (%d steps)%n",
                    held.size(), c.baselineMean(), c.candidateMean(), c.meanDifference(), c.lowerBound(), c.upperBound(),
                    approved.size(), seconds, steps);
            System.out.println("--- before:\n" + before.getFirst().text() + "\n--- after:\n" + after.getFirst().text()
                    + "\n--- company's reply:\n" + held.getFirst().reference());
        }
    }
}
