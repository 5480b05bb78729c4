package io.mailtune.demo.recipe;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.core.id.Hashing;
import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.demo.synthetic.CompanyGenerator;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.demo.synthetic.SyntheticCompany;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.PromptBudget;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsFile;
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
 * Builds the bundled drafter: generates emails to synthetic companies (and to the demo company) with the project's
 * hybrid retrieval in front, turns each into the {@link GroundedFormat} prompt and target, trains a byte-level BPE
 * tokenizer on them, trains a small Llama from random weights with the shared training loop, and writes an HF
 * checkpoint (F16) whose {@code config.json} names the format and whose {@code recipe.json} states every setting, the
 * figures and the SHA-256 of each file.
 */
public final class Pretraining {

    /** The special tokens, in id order: end of text (also BOS and padding), then ChatML's turn markers. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    /** Demo cases of the training seed after the trained ones, for validation: one per 25 trained, 2 to 48. */
    static int demoValidationCases(PretrainRecipe recipe) {
        return Math.min(48, Math.max(2, recipe.demoCases() / 25));
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final GroundedFormat FORMAT = new GroundedFormat();

    private final PretrainRecipe recipe;
    private final TrainingListener listener;
    private final java.util.function.Consumer<String> log;

    /** A run of {@code recipe} reporting progress to the listener and stages to {@code log}. */
    public Pretraining(PretrainRecipe recipe, TrainingListener listener, java.util.function.Consumer<String> log) {
        this.recipe = recipe;
        this.listener = listener;
        this.log = log;
    }

    /** The prompt budget examples are built with before the tokenizer exists: about 3.5 characters a token. */
    public static PromptBudget budget(int maxTokens) {
        return new PromptBudget(Math.max(16, maxTokens - 160), text -> (int) Math.ceil(text.length() / 3.5));
    }

    /** A supervised example: the grounded prompt and the target that renders the reply. */
    public static SupervisedExample example(DraftExample e, int maxTokens) {
        return SupervisedExample.of(FORMAT.prompt(e.input(), budget(maxTokens)), FORMAT.target(e.input(), e.reply()));
    }

    /**
     * Runs every stage into {@code out}; {@code work} holds the generated examples and the resumable training state,
     * so rerunning after a crash reuses the data and continues where the last checkpoint left off.
     */
    public TrainingResult run(Path out, Path work) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(work);
        Path trainFile = work.resolve("train.jsonl");
        Path validationFile = work.resolve("validation.jsonl");
        if (!Files.exists(validationFile)) {
            generate(work, trainFile, validationFile);
        }
        List<SupervisedExample> trainExamples = readExamples(trainFile);
        List<SupervisedExample> validationExamples = readExamples(validationFile);
        double dataSeconds = (System.nanoTime() - started) / 1e9;
        log.accept("examples: " + trainExamples.size() + " training, " + validationExamples.size() + " validation ("
                + Math.round(dataSeconds) + " s)");

        List<String> corpus = new ArrayList<>();
        for (SupervisedExample e : trainExamples.subList(0, Math.min(recipe.tokenizerExamples(), trainExamples.size()))) {
            e.prompt().forEach(m -> corpus.add(m.content()));
            corpus.add(e.reply());
        }
        TrainedTokenizer trained = new ByteLevelBpeTrainer(recipe.vocabSize(), SPECIAL_TOKENS, 2).train(corpus);
        Files.createDirectories(out);
        trained.writeTo(out);
        ObjectNode configJson = HfCheckpointWriter.llamaConfig(trained.size(), recipe.hiddenSize(),
                recipe.intermediateSize(), recipe.layers(), recipe.heads(), recipe.kvHeads(), recipe.maxPositions(),
                0, 2);
        configJson.put(DraftFormats.CONFIG_KEY, GroundedFormat.ID);
        HfCheckpointWriter.writeConfigs(out, configJson);
        ModelConfig config = ConfigReader.read(out);
        log.accept("tokenizer: " + trained.size() + " tokens; model: " + ParameterCount.total(config) + " parameters");

        List<TokenSequence> training;
        List<TokenSequence> holdout;
        try (ModelTokenizer tokenizer = ModelTokenizer.load(out, config, ChatTemplate.CHATML)) {
            ExampleEncoder encoder = new ExampleEncoder(tokenizer, recipe.promptWeight(), recipe.maxTokens());
            training = new ArrayList<>(encoder.encodeAll(trainExamples));
            int skipped = trainExamples.size() - training.size();
            holdout = new ExampleEncoder(tokenizer, 0f, recipe.maxTokens()).encodeAll(validationExamples);
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
        writeRecipe(out, result, training, dataSeconds, trainSeconds, (System.nanoTime() - started) / 1e9, config);
        return result;
    }

    /**
     * Writes the best weights of the last snapshot in {@code work} (a run stopped before its last step) as the
     * checkpoint in {@code out}, whose configs and tokenizer the run already wrote; {@code recipe.json} records the
     * snapshot's step and validation loss.
     */
    public void exportSnapshot(Path out, Path work, String note) throws IOException {
        Path state = work.resolve("state");
        var counters = JSON.readTree(state.resolve("state.json").toFile());
        ModelConfig config = ConfigReader.read(out);
        SafetensorsFile file = SafetensorsFile.open(state.resolve("tensors.safetensors"));
        String prefix = file.entries().keySet().stream().anyMatch(n -> n.startsWith("best/")) ? "best/" : "param/";
        List<HostTensor> tensors = new ArrayList<>();
        for (String name : file.entries().keySet()) {
            if (name.startsWith(prefix)) {
                HostTensor t = file.read(name);
                tensors.add(new HostTensor(name.substring(prefix.length()), t.shape(), t.data()));
            }
        }
        HfCheckpointWriter.writeWeights(out, config, tensors, DType.F16);
        ObjectNode r = JSON.createObjectNode();
        r.put("command", "java -cp <demo classpath> io.mailtune.demo.recipe.PretrainCommand --out <dir> --work <dir>"
                + " [--export-snapshot]");
        r.set("recipe", JSON.valueToTree(recipe));
        r.put("parameters", ParameterCount.total(config));
        r.put("exported_snapshot_step", counters.path("step").asInt());
        r.put("best_validation_target_loss", counters.path("best_holdout_loss").asDouble());
        r.put("last_training_loss", counters.path("last_loss").asDouble());
        r.put("note", note);
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
        ObjectNode hashes = r.putObject("sha256");
        for (String f : BundledModel.FILES) {
            hashes.put(f, Hashing.sha256Hex(out.resolve(f)));
        }
        JSON.writeValue(out.resolve("recipe.json").toFile(), r);
    }

    /** Generates, retrieves for and writes every training and validation example. */
    private void generate(Path work, Path trainFile, Path validationFile) throws IOException {
        SentenceEncoder encoder = new MiniLmEncoder();
        CompanyGenerator companies = new CompanyGenerator();
        int total = recipe.companies() + recipe.validationCompanies();
        List<List<DraftExample>> perCompany = new ArrayList<>();
        try (CompanyIndex index = new CompanyIndex(work.resolve("companies"), encoder)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<DraftExample>>> futures = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    int at = i;
                    futures.add(pool.submit(() -> {
                        SyntheticCompany company = companies.company(recipe.companySeed(), at);
                        index.add(company);
                        return GroundedExamples.synthetic(index, company, recipe.caseSeed(), recipe.casesPerCompany());
                    }));
                }
                for (int i = 0; i < futures.size(); i++) {
                    perCompany.add(futures.get(i).get());
                    if ((i + 1) % 20 == 0) {
                        log.accept("retrieved for " + (i + 1) + " of " + total + " companies");
                    }
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("generating the synthetic examples failed", e);
            } finally {
                pool.shutdownNow();
            }
        }
        List<DraftExample> train = new ArrayList<>();
        List<DraftExample> validation = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            (i < recipe.companies() ? train : validation).addAll(perCompany.get(i));
        }
        SupportCaseGenerator demo = SupportCaseGenerator.demo();
        List<SupportCase> demoCases = demo.generate(recipe.demoSeed(), recipe.demoCases() + demoValidationCases(recipe));
        try (KnowledgeBase demoIndex = KnowledgeBase.open(work.resolve("demo-index"), encoder)) {
            demoIndex.indexFolder(DemoArticles.copyTo(work.resolve("demo-kb")), "demo");
            List<DraftExample> demoExamples = GroundedExamples.demo(demoIndex, demo, demoCases);
            train.addAll(demoExamples.subList(0, recipe.demoCases()));
            validation.addAll(demoExamples.subList(recipe.demoCases(), demoExamples.size()));
        }
        java.util.Collections.shuffle(train, new java.util.Random(recipe.orderSeed()));
        writeExamples(trainFile, train);
        writeExamples(validationFile, validation);
    }

    private void writeExamples(Path file, List<DraftExample> examples) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ObjectMapper plain = new ObjectMapper();
        try (var w = Files.newBufferedWriter(tmp)) {
            for (DraftExample e : examples) {
                if (e.reply() == null) {
                    continue;  // retrieval left out what the gold reply quotes: no faithful target
                }
                SupervisedExample s = example(e, recipe.maxTokens());
                ObjectNode line = plain.createObjectNode();
                line.put("id", e.caseId());
                line.put("system", s.prompt().get(0).content());
                line.put("user", s.prompt().get(1).content());
                line.put("target", s.reply());
                w.write(plain.writeValueAsString(line));
                w.write('\n');
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<SupervisedExample> readExamples(Path file) throws IOException {
        ObjectMapper plain = new ObjectMapper();
        List<SupervisedExample> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            var node = plain.readTree(line);
            out.add(SupervisedExample.of(List.of(ChatMessage.system(node.path("system").asText()),
                    ChatMessage.user(node.path("user").asText())), node.path("target").asText()));
        }
        return out;
    }

    private void writeRecipe(Path out, TrainingResult result, List<TokenSequence> training, double dataSeconds,
                             double trainSeconds, double totalSeconds, ModelConfig config) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.put("command", "java -cp <demo classpath> io.mailtune.demo.recipe.PretrainCommand --out <dir> --work <dir>");
        r.set("recipe", JSON.valueToTree(recipe));
        r.put("parameters", ParameterCount.total(config));
        r.put("training_sequences", training.size());
        r.put("training_tokens", training.stream().mapToLong(TokenSequence::length).sum());
        r.put("steps", result.steps());
        r.put("resumed_from_step", result.resumedFromStep());
        r.put("last_training_loss", result.lastLoss());
        result.bestHoldoutLoss().ifPresent(v -> r.put("best_validation_reply_loss", v));
        r.put("data_seconds_this_process", Math.round(dataSeconds));
        r.put("training_seconds_this_process", Math.round(trainSeconds));
        r.put("load_average_at_end", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        r.put("total_seconds_this_process", Math.round(totalSeconds));
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
        ObjectNode hashes = r.putObject("sha256");
        for (String f : BundledModel.FILES) {
            hashes.put(f, Hashing.sha256Hex(out.resolve(f)));
        }
        JSON.writeValue(out.resolve("recipe.json").toFile(), r);
    }


}
