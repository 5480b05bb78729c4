package io.mailtune.demo.recipe;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.core.id.Hashing;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HfCheckpointWriter;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.tokenizer.ChatMessage;
import io.mailtune.model.tokenizer.ChatTemplate;
import io.mailtune.model.tokenizer.ModelTokenizer;
import io.mailtune.model.tokenizer.training.ByteLevelBpeTrainer;
import io.mailtune.model.tokenizer.training.TrainedTokenizer;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.model.train.Trainer;
import io.mailtune.model.train.TrainingListener;
import io.mailtune.model.train.TrainingMode;
import io.mailtune.model.train.TrainingOptions;
import io.mailtune.model.train.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the bundled base model from nothing but the demo company: generates support emails with gold replies
 * (training seed only), trains a byte-level BPE tokenizer on them, pre-trains a small Llama from random weights with
 * the shared training loop, and writes an HF checkpoint (F16) with {@code recipe.json} stating every setting, the
 * figures and the SHA-256 of each file.
 */
public final class Pretraining {

    /** The special tokens, in id order: end of text (also BOS and padding), then ChatML's turn markers. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PretrainRecipe recipe;
    private final TrainingListener listener;
    private final java.util.function.Consumer<String> log;

    /** A run of {@code recipe} reporting progress to the listener and stages to {@code log}. */
    public Pretraining(PretrainRecipe recipe, TrainingListener listener, java.util.function.Consumer<String> log) {
        this.recipe = recipe;
        this.listener = listener;
        this.log = log;
    }

    /** The training examples of a case list: the draft prompt with the cited articles, and the gold reply. */
    public static List<SupervisedExample> examples(SupportCaseGenerator generator, List<SupportCase> cases) {
        List<SupervisedExample> out = new ArrayList<>(cases.size());
        for (SupportCase c : cases) {
            out.add(SupervisedExample.of(DraftPrompt.forCase(c, articles(generator, c)), c.goldReply()));
        }
        return out;
    }

    /** The articles a case cites, in order. */
    public static List<HelpArticle> articles(SupportCaseGenerator generator, SupportCase c) {
        return c.articleIds().stream().map(id -> generator.knowledgeBase().article(id)).toList();
    }

    /**
     * Runs every stage into {@code out}; {@code work} holds the resumable training state, so rerunning after a crash
     * continues where the last checkpoint left off.
     */
    public TrainingResult run(Path out, Path work) throws IOException {
        long started = System.nanoTime();
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        List<SupportCase> all = generator.generate(recipe.dataSeed(), recipe.trainingCases() + recipe.validationCases());
        List<SupportCase> train = all.subList(0, recipe.trainingCases());
        List<SupportCase> validation = all.subList(recipe.trainingCases(), all.size());
        List<SupervisedExample> trainExamples = examples(generator, train);
        log.accept("generated " + train.size() + " training and " + validation.size() + " validation cases");

        List<String> corpus = new ArrayList<>();
        for (SupervisedExample e : trainExamples.subList(0, recipe.tokenizerCases())) {
            e.prompt().forEach(m -> corpus.add(m.content()));
            corpus.add(e.reply());
        }
        for (HelpArticle a : generator.knowledgeBase().articles()) {
            corpus.add(document(a));
        }
        TrainedTokenizer trained = new ByteLevelBpeTrainer(recipe.vocabSize(), SPECIAL_TOKENS, 2).train(corpus);
        Files.createDirectories(out);
        trained.writeTo(out);
        ObjectNode configJson = HfCheckpointWriter.llamaConfig(trained.size(), recipe.hiddenSize(),
                recipe.intermediateSize(), recipe.layers(), recipe.heads(), recipe.kvHeads(), recipe.maxPositions(),
                0, 2);
        HfCheckpointWriter.writeConfigs(out, configJson);
        ModelConfig config = ConfigReader.read(out);
        log.accept("tokenizer: " + trained.size() + " tokens; model: " + ParameterCount.total(config) + " parameters");

        List<TokenSequence> training;
        List<TokenSequence> holdout;
        try (ModelTokenizer tokenizer = ModelTokenizer.load(out, config, ChatTemplate.CHATML)) {
            ExampleEncoder encoder = new ExampleEncoder(tokenizer, recipe.promptWeight(), recipe.maxTokens());
            training = new ArrayList<>(encoder.encodeAll(trainExamples));
            int skipped = trainExamples.size() - training.size();
            for (int r = 0; r < recipe.articleRepeats(); r++) {
                for (HelpArticle a : generator.knowledgeBase().articles()) {
                    int[] ids = tokenizer.encode(document(a) + SPECIAL_TOKENS.getFirst());
                    int[] cut = java.util.Arrays.copyOf(ids, Math.min(ids.length, recipe.maxTokens()));
                    training.add(TokenSequence.allTokens(cut));
                }
            }
            holdout = new ExampleEncoder(tokenizer, 0f, recipe.maxTokens()).encodeAll(examples(generator, validation));
            long tokens = training.stream().mapToLong(TokenSequence::length).sum();
            log.accept("encoded " + training.size() + " sequences (" + tokens + " tokens; " + skipped
                    + " examples over " + recipe.maxTokens() + " tokens left out)");
        }

        TrainingOptions options = new TrainingOptions(recipe.learningRate(), recipe.minLearningRate(),
                recipe.weightDecay(), 0.9, 0.95, 1e-8, recipe.warmupSteps(), recipe.steps(), 1.0, 1,
                recipe.batchTokens(), recipe.maxBatchRows(), recipe.orderSeed(), Math.max(1, recipe.evalEvery()),
                recipe.evalEvery(), 0);
        TrainingResult result;
        long trainStart = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.initialise(config, recipe.initSeed(), manager)) {
            result = new Trainer(weights, TrainingMode.FULL, options, listener).train(training, holdout, work);
            HfCheckpointWriter.writeWeights(out, config, weights.baseToHost(), DType.F16);
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        writeRecipe(out, result, training, trainSeconds, (System.nanoTime() - started) / 1e9, config);
        return result;
    }

    private void writeRecipe(Path out, TrainingResult result, List<TokenSequence> training, double trainSeconds,
                             double totalSeconds, ModelConfig config) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.put("command", "java -cp <model classpath> io.mailtune.demo.recipe.PretrainCommand --out <dir>");
        r.set("recipe", JSON.valueToTree(recipe));
        r.put("parameters", ParameterCount.total(config));
        r.put("training_sequences", training.size());
        r.put("training_tokens", training.stream().mapToLong(TokenSequence::length).sum());
        r.put("steps", result.steps());
        r.put("resumed_from_step", result.resumedFromStep());
        r.put("last_training_loss", result.lastLoss());
        result.bestHoldoutLoss().ifPresent(v -> r.put("best_validation_reply_loss", v));
        r.put("training_seconds_this_process", Math.round(trainSeconds));
        r.put("total_seconds_this_process", Math.round(totalSeconds));
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
        ObjectNode hashes = r.putObject("sha256");
        for (String f : BundledModel.FILES) {
            hashes.put(f, Hashing.sha256Hex(out.resolve(f)));
        }
        JSON.writeValue(out.resolve("recipe.json").toFile(), r);
    }

    /** An article as a plain training document: title, blank line, Markdown body. */
    static String document(HelpArticle a) {
        return a.title() + "\n\n" + a.markdownBody().strip() + "\n";
    }

}
