package io.mailtune.ops.drafting;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.demo.recipe.DemoRetrieval;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.recipe.PretrainRecipe;
import io.mailtune.demo.synthetic.CompanyGenerator;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.draft.RenderedDraft;
import io.mailtune.model.draft.SentenceFeatures;
import io.mailtune.model.draft.SourceSentence;
import io.mailtune.model.eval.KeyInstruction;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the grounded format's sentence ranking without a model: for each answerable email, where its key
 * instruction sits among the candidate sentences (retrieval miss, split, rank); what the answer plan alone serves
 * (key instruction, hand-offs: the plan's quotes do not depend on the model's words); and writes every candidate's
 * {@link SentenceFeatures} with whether it holds a key instruction, for fitting the ranker's weights. Reads only the
 * development split of the hand-written sets and generated companies of the training seed (never the test sets).
 *
 * <p>{@code java -cp <ops classpath> io.mailtune.ops.drafting.SourceRankingProbe [--eval-data ops/drafting-eval]
 * [--companies 20] [--emails 30] [--first-company 0] [--features features.tsv] [--demo 0] [--misses] [--work DIR]}
 * ({@code --demo N} adds N demo cases of the training seed, never the held-out one; {@code --misses} prints each
 * development email the plan misses, with where its key instruction sits and what the plan quoted).
 */
public final class SourceRankingProbe {

    private static final GroundedFormat FORMAT = new GroundedFormat();
    /** A model output that answers with one quote: the plan then decides every quote (or overrules it with a hand-off). */
    private static final String PLAN_ONLY = "Hi {name},\n\n{1}\n\n{signature}";

    private SourceRankingProbe() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        Path evalData = Path.of("ops/drafting-eval");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "mailtune-ranking-probe");
        Path featuresOut = null;
        int companies = 20;
        int emails = 30;
        int firstCompany = 0;
        int demo = 0;
        boolean misses = false;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--misses") && i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--misses" -> misses = true;
                case "--eval-data" -> evalData = Path.of(args[++i]);
                case "--companies" -> companies = Integer.parseInt(args[++i]);
                case "--emails" -> emails = Integer.parseInt(args[++i]);
                case "--first-company" -> firstCompany = Integer.parseInt(args[++i]);
                case "--demo" -> demo = Integer.parseInt(args[++i]);
                case "--features" -> featuresOut = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SentenceEncoder encoder = new MiniLmEncoder();
        List<Named> sets = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(evalData)) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("company.json"))).sorted().toList()) {
                if (Files.readString(d.resolve("company.json")).contains("\"development\"")) {
                    HandWrittenCompany c = HandWrittenCompany.load(d, work.resolve("hand-written"), encoder);
                    sets.add(new Named(c.profile().name(), c.examples(), misses));
                }
            }
        }
        if (companies > 0) {
            PretrainRecipe recipe = PretrainRecipe.bundled();
            List<DraftExample> examples = new ArrayList<>();
            CompanyGenerator generator = new CompanyGenerator();
            try (CompanyIndex index = new CompanyIndex(work.resolve("training-companies"), encoder)) {
                for (int i = firstCompany; i < firstCompany + companies; i++) {
                    var company = generator.company(recipe.companySeed(), i);
                    index.add(company);
                    examples.addAll(GroundedExamples.synthetic(index, company, recipe.caseSeed(), emails));
                }
            }
            sets.add(new Named("training-seed generated", examples, false));
        }
        if (demo > 0) {
            SupportCaseGenerator generator = SupportCaseGenerator.demo();
            try (KnowledgeBase kb = DemoRetrieval.open(work.resolve("demo"), encoder)) {
                sets.add(new Named("Brightcart training seed",
                        GroundedExamples.demo(kb, generator, generator.generate(DemoSeeds.TRAINING, demo)), misses));
            }
        }
        try (PrintWriter out = featuresOut == null ? null : new PrintWriter(Files.newBufferedWriter(featuresOut))) {
            if (out != null) {
                out.println("set\tcase\thandoff\tkeys\tkey\trank\tbest\twhole\tnorm\tarticle\tprank\tinstr\tcues\tpos\titem"
                        + "\tprecision\tpsim\ttopsim\tchars\tembwhole\tembbest\tfirstarticle");
            }
            for (Named set : sets) {
                report(set, out, encoder);
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** One email whose key instruction the plan missed: the email, each key's place and the plan's draft. */
    private static void printMiss(DraftExample e, RenderedDraft planned) {
        System.out.printf(Locale.ROOT, "--- %s (%s)%nEMAIL: %s | %s%n", e.caseId(), planned.handOff() ? "handed off" : "answered",
                e.input().email().subject(), e.input().email().text().replace('\n', ' '));
        for (Passage p : e.input().passages()) {
            System.out.printf(Locale.ROOT, "  passage %s sim %.3f%n", p.articleId(), p.vectorSimilarity());
        }
        List<SourceSentence> candidates = FORMAT.candidates(e.input());
        for (String key : e.keyInstructions()) {
            if (KeyInstruction.containedIn(planned.text(), key)) {
                continue;
            }
            int rank = KeyInstructionProfile.rank(candidates, key);
            System.out.printf(Locale.ROOT, "  KEY %s: rank %d%n", key, rank);
            if (rank > 0) {
                SourceSentence s = candidates.get(rank - 1);
                SentenceFeatures f = s.features();
                System.out.printf(Locale.ROOT, "    passage %d (%s) question %d bestOverlap %.2f article %.3f: %s%n", s.passage(),
                        e.input().passages().get(s.passage()).articleId(), f.question(), f.bestOverlap(), f.articleSimilarity(), s.text());
            }
        }
        System.out.println("  DRAFT: " + planned.text().replace("\n", " / "));
    }

    private record Named(String name, List<DraftExample> examples, boolean printMisses) {
    }

    private static void report(Named set, PrintWriter out, SentenceEncoder encoder) {
        int keys = 0, miss = 0, split = 0, first = 0, top3 = 0, listed = 0, beyond = 0;
        int answered = 0;
        long answeredChars = 0;
        int answerable = 0, planKeys = 0, outOfKb = 0, planHandOffs = 0, falseHandOffs = 0;
        int quoted = 0, offArticle = 0;
        for (DraftExample e : set.examples()) {
            // The served plan's quotes do not depend on the model's words: render an output that agrees to answer.
            RenderedDraft planned = FORMAT.render(e.input(), PLAN_ONLY);
            if (e.handOff()) {
                outOfKb++;
                planHandOffs += planned.handOff() ? 1 : 0;
            } else {
                answerable++;
                boolean served = DraftChecks.allInstructions(planned.text(), e);
                planKeys += served ? 1 : 0;
                if (!served && set.printMisses()) {
                    printMiss(e, planned);
                }
                answeredChars += planned.handOff() ? 0 : planned.text().length();
                answered += planned.handOff() ? 0 : 1;
                falseHandOffs += planned.handOff() ? 1 : 0;
            }
            List<SourceSentence> candidates = FORMAT.candidates(e.input());
            if (!e.handOff() && !planned.handOff()) {
                DraftChecks.QuoteFocus focus = DraftChecks.offArticleQuotes(planned.text(), e, candidates);
                quoted += focus.quoted();
                offArticle += focus.offArticle();
            }
            double topSim = e.input().passages().stream().mapToDouble(Passage::vectorSimilarity).max().orElse(0);
            for (String key : e.keyInstructions()) {
                keys++;
                if (e.input().passages().stream().noneMatch(p -> KeyInstruction.containedIn(p.text(), key))) {
                    miss++;
                    continue;
                }
                int rank = KeyInstructionProfile.rank(candidates, key);
                if (rank == 0) {
                    split++;
                } else if (rank == 1) {
                    first++;
                } else if (rank <= 3) {
                    top3++;
                } else if (rank <= GroundedFormat.MAX_SOURCES) {
                    listed++;
                } else {
                    beyond++;
                }
            }
            if (out != null) {
                float[] whole = encoder.encode(GroundedExamples.query(e.input().email()));
                List<float[]> segments = new ArrayList<>();
                for (String seg : (e.input().email().subject() + "\n" + e.input().email().text()).split("(?<=[.!?\n])\\s+")) {
                    if (seg.strip().length() > 12) {
                        segments.add(encoder.encode(seg.strip()));
                    }
                }
                List<float[]> vectors = encoder.encodeAll(candidates.stream().map(SourceSentence::text).toList());
                for (SourceSentence s : candidates) {
                    float[] v = vectors.get(s.label() - 1);
                    double embWhole = dot(v, whole);
                    double embBest = segments.stream().mapToDouble(q -> dot(v, q)).max().orElse(embWhole);
                    int key = -1;
                    for (int k = 0; k < e.keyInstructions().size(); k++) {
                        if (KeyInstruction.containedIn(s.text(), e.keyInstructions().get(k))) {
                            key = k;
                        }
                    }
                    SentenceFeatures f = s.features();
                    Passage p = e.input().passages().get(s.passage());
                    out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%.0f\t%.0f\t%d\t%.0f\t%.4f\t%.4f\t%.4f\t%d\t%.4f\t%.4f\t%d%n",
                            set.name(), e.caseId(), e.handOff() ? 1 : 0, e.keyInstructions().size(), key, s.label(),
                            f.bestOverlap(), f.wholeOverlap(), f.lengthNorm(), f.articleSimilarity(), f.passageRank(),
                            f.instruction(), f.cues(), f.position(), f.listItem(), f.precision(), p.vectorSimilarity(),
                            topSim, s.text().length(), embWhole, embBest,
                            p.articleId().equals(e.input().passages().getFirst().articleId()) ? 1 : 0);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d key instructions of answerable emails: retrieval miss %d, split across units %d,"
                        + " rank 1 %d, rank 2-3 %d, rank 4-%d %d, beyond %d%n", set.name(), keys, miss, split, first, top3,
                GroundedFormat.MAX_SOURCES, listed, beyond);
        System.out.printf(Locale.ROOT, "%s: answer plan (no model): key instruction %d/%d answerable emails, out-of-KB handed"
                + " off %d/%d, false hand-offs %d/%d, %.0f characters an answered draft, %d of %d quoted sentences from an article"
                + " holding none of the email's key instructions%n", set.name(), planKeys, answerable, planHandOffs, outOfKb,
                falseHandOffs, answerable, answered == 0 ? 0.0 : (double) answeredChars / answered, offArticle, quoted);
    }
}
