package io.mailtune.ops.drafting;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.DraftRun;
import io.mailtune.demo.recipe.DemoRetrieval;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.recipe.PretrainRecipe;
import io.mailtune.demo.synthetic.CompanyGenerator;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.demo.synthetic.SyntheticCompany;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.RenderedDraft;
import io.mailtune.model.draft.SourceSentence;
import io.mailtune.model.draft.PromptBudget;
import io.mailtune.model.eval.ChrF;
import io.mailtune.model.eval.PairedBootstrap;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.tokenizer.ChatMessage;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures the drafter on companies it never saw in training, with the project's hybrid retrieval in front and greedy
 * drafts, beside the paste-the-passage baseline: the hand-written companies of {@code ops/drafting-eval} (development
 * and test splits reported apart), held-out generated companies ({@link PretrainRecipe#HELD_OUT_COMPANY_SEED}) and the
 * held-out demo seed.
 *
 * <p>{@code java -cp <ops classpath> io.mailtune.ops.drafting.DraftingEvaluation [--model DIR] [--adapter DIR]
 * [--eval-data ops/drafting-eval] [--synthetic-companies 8] [--synthetic-emails 25] [--demo 200] [--demo-seed holdout|training] [--work DIR]
 * [--show-split development] [--show 6] [--splits development,test]}
 */
public final class DraftingEvaluation {

    private DraftingEvaluation() {
    }

    /** One set of examples with what its checks need. */
    record EvalSet(String name, String split, List<DraftExample> examples, List<String> internalTexts, List<String> otherNames) {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        Path modelDir = null;
        Path adapterDir = null;
        Path evalData = Path.of("ops/drafting-eval");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "mailtune-drafting-eval");
        int syntheticCompanies = 8;
        int syntheticEmails = 25;
        int demo = 200;
        boolean demoTraining = false;
        int show = 6;
        String showSplit = "development";
        Set<String> splits = Set.of("development", "test");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> modelDir = Path.of(args[i + 1]);
                case "--adapter" -> adapterDir = Path.of(args[i + 1]);
                case "--eval-data" -> evalData = Path.of(args[i + 1]);
                case "--synthetic-companies" -> syntheticCompanies = Integer.parseInt(args[i + 1]);
                case "--synthetic-emails" -> syntheticEmails = Integer.parseInt(args[i + 1]);
                case "--demo" -> demo = Integer.parseInt(args[i + 1]);
                case "--demo-seed" -> demoTraining = switch (args[i + 1]) {
                    case "holdout" -> false;
                    case "training" -> true;
                    default -> throw new IllegalArgumentException("--demo-seed is holdout or training, was " + args[i + 1]);
                };
                case "--work" -> work = Path.of(args[i + 1]);
                case "--show" -> show = Integer.parseInt(args[i + 1]);
                case "--show-split" -> showSplit = args[i + 1];
                case "--splits" -> splits = Set.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (modelDir == null) {
            modelDir = BundledModel.extractTo(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-models"));
        }
        SentenceEncoder encoder = new MiniLmEncoder();
        List<String> trainingNames = trainingCompanyNames();
        List<EvalSet> sets = new ArrayList<>();
        List<HandWrittenCompany> handWritten = new ArrayList<>();
        if (Files.isDirectory(evalData)) {
            try (Stream<Path> dirs = Files.list(evalData)) {
                for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("company.json"))).sorted().toList()) {
                    HandWrittenCompany c = HandWrittenCompany.load(d, work.resolve("hand-written"), encoder);
                    if (splits.contains(c.split())) {
                        handWritten.add(c);
                    }
                }
            }
        }
        for (HandWrittenCompany c : handWritten) {
            List<String> others = new ArrayList<>(trainingNames);
            others.add("Brightcart");
            handWritten.stream().filter(o -> o != c).forEach(o -> others.add(o.profile().name()));
            sets.add(new EvalSet(c.profile().name(), c.split(), c.examples(), c.internalTexts(), others));
        }
        if (syntheticCompanies > 0) {
            List<DraftExample> examples = new ArrayList<>();
            CompanyGenerator generator = new CompanyGenerator();
            List<String> others = new ArrayList<>(trainingNames);
            others.add("Brightcart");
            try (CompanyIndex index = new CompanyIndex(work.resolve("held-out-companies"), encoder)) {
                for (int i = 0; i < syntheticCompanies; i++) {
                    SyntheticCompany company = generator.company(PretrainRecipe.HELD_OUT_COMPANY_SEED, i);
                    index.add(company);
                    examples.addAll(GroundedExamples.synthetic(index, company, 11L, syntheticEmails));
                }
            }
            sets.add(new EvalSet("held-out generated (" + syntheticCompanies + " companies)", "generated", examples, List.of(), others));
        }
        if (demo > 0) {
            SupportCaseGenerator generator = SupportCaseGenerator.demo();
            try (KnowledgeBase kb = DemoRetrieval.open(work.resolve("demo"), encoder)) {
                sets.add(new EvalSet(demoTraining ? "Brightcart training seed" : "Brightcart held-out seed", "demo",
                        GroundedExamples.demo(kb, generator, generator.generate(demoTraining ? DemoSeeds.TRAINING : DemoSeeds.HOLDOUT, demo)),
                        List.of(), List.of()));
            }
        }
        try (LanguageModel model = LanguageModel.load(modelDir)) {
            LoraAdapter adapter = adapterDir == null ? null : PeftFormat.read(adapterDir, model.config().layers());
            DraftFormat format = DraftFormats.forModel(model);
            System.out.printf(Locale.ROOT, "model %s (%d parameters), format %s, load %.1f%n", modelDir,
                    model.parameterCount(), format.getClass().getSimpleName(), load());
            for (EvalSet set : sets) {
                report(model, adapter, format, set, set.split().equals(showSplit) || set.split().equals("generated") ? show : 0);
            }
        }
    }

    private static void report(LanguageModel model, LoraAdapter adapter, DraftFormat format, EvalSet set, int show) {
        List<DraftExample> examples = set.examples();
        long started = System.nanoTime();
        List<GeneratedDraft> drafts = DraftRun.draft(model, adapter, format,
                examples.stream().map(DraftExample::input).toList(), 200);
        double seconds = (System.nanoTime() - started) / 1e9;
        int tokens = drafts.stream().mapToInt(GeneratedDraft::generatedTokens).sum();
        System.out.printf(Locale.ROOT, "%n== %s [%s], %d emails (%d answerable, %d hand-off)%n", set.name(), set.split(),
                examples.size(), examples.stream().filter(e -> !e.handOff()).count(),
                examples.stream().filter(DraftExample::handOff).count());
        System.out.printf(Locale.ROOT, "speed: %.0f ms per draft (8 in flight), %.1f generated tokens/s overall, %d tokens;"
                + " load %.1f%n", 1000 * seconds / examples.size(), tokens / seconds, tokens, load());
        List<RenderedDraft> rendered = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            GeneratedDraft d = drafts.get(i);
            rendered.add(new RenderedDraft(d.text(), d.handOff(), d.cited()));
        }
        GroundedFormat modelOnly = new GroundedFormat(GroundedFormat.Planning.MODEL);
        PromptBudget budget = new PromptBudget(Math.min(model.config().maxPositions(), 4096) - 200,
                t -> model.tokenizer().orElseThrow().encode(t).length);
        List<RenderedDraft> modelPlan = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            modelPlan.add(modelOnly.render(examples.get(i).input(), drafts.get(i).modelOutput(), budget));
        }
        score("model's plan (the model alone decides hand-off and quotes)", model, format, set, drafts, modelPlan, 0);
        score(format.getClass().getSimpleName() + " as served", model, format, set, drafts, rendered, show);
    }

    private static void score(String label, LanguageModel model, DraftFormat format, EvalSet set,
                              List<GeneratedDraft> drafts, List<RenderedDraft> rendered, int show) {
        List<DraftExample> examples = set.examples();
        PromptBudget budget = new PromptBudget(Math.min(model.config().maxPositions(), 4096) - 200,
                t -> model.tokenizer().orElseThrow().encode(t).length);
        int n = examples.size();
        double[] chrF = new double[n];
        double[] paste = new double[n];
        double[] wrapped = new double[n];
        int answerable = 0, keyAll = 0, keyPaste = 0, outOfKb = 0, handedOff = 0, falseHandOffs = 0, names = 0;
        int foreign = 0, ungroundedDrafts = 0, leaks = 0, quoted = 0, offArticle = 0;
        double keyShare = 0;
        List<String> ungroundedExamples = new ArrayList<>();
        List<String> lostAfterListing = new ArrayList<>();
        KeyInstructionProfile.Tally profile = new KeyInstructionProfile.Tally();
        GroundedFormat grounded = format instanceof GroundedFormat g ? g : new GroundedFormat();
        for (int i = 0; i < n; i++) {
            DraftExample e = examples.get(i);
            RenderedDraft d = rendered.get(i);
            String pasted = PasteBaseline.paste(e.input());
            chrF[i] = ChrF.STANDARD.score(d.text(), e.reference());
            paste[i] = ChrF.STANDARD.score(pasted, e.reference());
            wrapped[i] = ChrF.STANDARD.score(PasteBaseline.wrapped(e.input()), e.reference());
            if (e.handOff()) {
                outOfKb++;
                handedOff += d.handOff() ? 1 : 0;
            } else {
                answerable++;
                keyAll += DraftChecks.allInstructions(d.text(), e) ? 1 : 0;
                keyShare += DraftChecks.instructionShare(d.text(), e);
                keyPaste += DraftChecks.allInstructions(pasted, e) ? 1 : 0;
                falseHandOffs += d.handOff() ? 1 : 0;
                List<SourceSentence> candidates = grounded.candidates(e.input());
                if (!d.handOff()) {
                    DraftChecks.QuoteFocus focus = DraftChecks.offArticleQuotes(d.text(), e, candidates);
                    quoted += focus.quoted();
                    offArticle += focus.offArticle();
                }
                for (String key : e.keyInstructions()) {
                    KeyInstructionProfile.Outcome outcome = KeyInstructionProfile.outcome(grounded, e.input(), key,
                            drafts.get(i).modelOutput(), d.text(), d.handOff());
                    profile.add(outcome, KeyInstructionProfile.rank(candidates, key));
                    if (outcome == KeyInstructionProfile.Outcome.LISTED_NOT_QUOTED
                            || outcome == KeyInstructionProfile.Outcome.QUOTED_NOT_RENDERED) {
                        lostAfterListing.add(String.format(Locale.ROOT, "%s %s: %s%n[model output]%n%s%n[draft]%n%s",
                                e.caseId(), outcome, key, drafts.get(i).modelOutput(), d.text()));
                    }
                }
            }
            names += DraftChecks.nameRight(d.text(), e) ? 1 : 0;
            List<ChatMessage> prompt = format.prompt(e.input(), budget);
            foreign += DraftChecks.foreignNames(d.text(), set.otherNames(), prompt).isEmpty() ? 0 : 1;
            List<String> ungrounded = DraftChecks.ungrounded(d.text(), prompt);
            if (!ungrounded.isEmpty()) {
                ungroundedDrafts++;
                ungroundedExamples.add(e.caseId() + " " + ungrounded);
            }
            leaks += DraftChecks.leaks(d.text(), set.internalTexts());
        }
        PairedBootstrap bootstrap = new PairedBootstrap(2000, 0.95);
        PairedBootstrap.Comparison vsPaste = bootstrap.compare(chrF, paste, 7);
        PairedBootstrap.Comparison vsWrapped = bootstrap.compare(chrF, wrapped, 7);
        System.out.printf(Locale.ROOT, "-- %s%n", label);
        System.out.printf(Locale.ROOT, "key instruction (all of an email's): drafter %.1f %% (share %.1f %%), paste %.1f %%%n",
                pct(keyAll, answerable), 100 * keyShare / Math.max(1, answerable), pct(keyPaste, answerable));
        System.out.println("where key instructions were lost: " + profile.line());
        System.out.printf(Locale.ROOT, "quotes in answered drafts of answerable emails: %d, from an article holding none of the"
                + " email's key instructions %d (%.1f %%)%n", quoted, offArticle, pct(offArticle, quoted));
        System.out.printf(Locale.ROOT, "name right %.1f %%; drafts naming another company or its products: %d;"
                + " drafts with a number or menu path not in the prompt: %d; internal leaks: %d%n", pct(names, n), foreign,
                ungroundedDrafts, leaks);
        System.out.printf(Locale.ROOT, "hand-off: %.1f %% of out-of-KB emails (%d/%d); false hand-offs %.1f %% (%d/%d)%n",
                pct(handedOff, outOfKb), handedOff, outOfKb, pct(falseHandOffs, answerable), falseHandOffs, answerable);
        System.out.printf(Locale.ROOT, "chrF: drafter %.2f, paste %.2f, greeting+paste+signature %.2f; drafter - paste %.2f"
                        + " (95 %% CI %.2f .. %.2f), drafter - wrapped paste %.2f (95 %% CI %.2f .. %.2f)%n",
                vsPaste.candidateMean(), vsPaste.baselineMean(), vsWrapped.baselineMean(), vsPaste.meanDifference(),
                vsPaste.lowerBound(), vsPaste.upperBound(), vsWrapped.meanDifference(), vsWrapped.lowerBound(),
                vsWrapped.upperBound());
        ungroundedExamples.stream().limit(5).forEach(u -> System.out.println("  ungrounded: " + u));
        if (show > 0) {
            lostAfterListing.forEach(l -> System.out.printf(Locale.ROOT, "%n--- lost after listing: %s%n", l));
        }
        for (int i = 0; i < Math.min(show, n); i++) {
            int at = (int) ((long) i * n / Math.max(1, show));
            DraftExample e = examples.get(at);
            System.out.printf(Locale.ROOT, "%n--- %s (hand-off %s; draft chrF %.1f, paste %.1f)%n[email] %s%n[draft]%n%s%n[model output]%n%s%n[paste]%n%s%n[reference]%n%s%n",
                    e.caseId(), e.handOff(), chrF[at], paste[at], e.input().email().text().replace("\n", " / "),
                    rendered.get(at).text(), drafts.get(at).modelOutput(), PasteBaseline.paste(e.input()), e.reference());
        }
    }

    private static List<String> trainingCompanyNames() {
        PretrainRecipe recipe = PretrainRecipe.bundled();
        CompanyGenerator generator = new CompanyGenerator();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < recipe.companies(); i++) {
            SyntheticCompany c = generator.company(recipe.companySeed(), i);
            names.add(c.profile().name());
            names.addAll(c.products());
        }
        return List.copyOf(names);
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
