package io.mailtune.demo.recipe;

import ai.djl.ndarray.NDManager;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.eval.LanguageModelLoss;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.HoldoutLoss;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code evaluate --model DIR [--adapter DIR] [--count N] [--seed S] [--show K] [--work DIR]}: drafts held-out demo
 * emails (by default {@code DemoSeeds.HOLDOUT}, never trained on) with hybrid retrieval in front (the demo index is
 * built under {@code --work}) and prints chrF, key-instruction rate and default-style compliance, after the mean loss
 * and perplexity on the target tokens of the cases whose gold reply the retrieved passages can express.
 */
public final class EvaluateCommand {

    private EvaluateCommand() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Path model = null;
        Path adapterDir = null;
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "mailtune-demo-eval");
        int count = 200;
        int show = 2;
        long seed = DemoSeeds.HOLDOUT;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[i + 1]);
                case "--adapter" -> adapterDir = Path.of(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--show" -> show = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("usage: evaluate --model DIR [--adapter DIR] [--count N] [--seed S] [--work DIR]");
        }
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        List<SupportCase> cases = generator.generate(seed, count);
        long started = System.nanoTime();
        List<DraftExample> examples;
        try (KnowledgeBase kb = DemoRetrieval.open(work, new MiniLmEncoder())) {
            examples = GroundedExamples.demo(kb, generator, cases);
        }
        try (LanguageModel lm = LanguageModel.load(model)) {
            LoraAdapter adapter = adapterDir == null ? null : PeftFormat.read(adapterDir, lm.config().layers());
            LanguageModelLoss loss;
            try (NDManager m = NDManager.newBaseManager("PyTorch");
                 ModelWeights weights = ModelWeights.fromCheckpoint(lm.config(), CheckpointTensors.open(model), m)) {
                if (adapter != null) {
                    weights.attach(adapter);
                }
                List<TokenSequence> replies = new ExampleEncoder(lm.tokenizer().orElseThrow(), 0f, lm.config().maxPositions())
                        .encodeAll(examples.stream().filter(e -> e.reply() != null)
                                .map(e -> Pretraining.example(e, lm.config().maxPositions())).toList());
                loss = HoldoutLoss.of(weights, replies, 4096);
            }
            DemoEvaluation.Result r = DemoEvaluation.run(lm, adapter, examples, HouseStyle.DEFAULT, 200);
            for (int i = 0; i < Math.min(show, cases.size()); i++) {
                System.out.println("--- case " + cases.get(i).caseId() + " draft:\n" + r.texts().get(i)
                        + "\n--- model output:\n" + r.drafts().get(i).modelOutput() + "\n--- gold:\n" + cases.get(i).goldReply());
            }
            System.out.printf(Locale.ROOT, "cases %d seed %d: target-token loss %.4f (perplexity %.4f over %d tokens),"
                            + " chrF %.1f, key instruction %.1f %%, default style %.1f %% (%.0f s)%n",
                    count, seed, loss.meanLoss(), loss.perplexity(), loss.tokens(), r.report().chrF(),
                    100 * r.report().keyInstructionRate(), 100 * r.styleCompliance(), (System.nanoTime() - started) / 1e9);
        }
    }
}
