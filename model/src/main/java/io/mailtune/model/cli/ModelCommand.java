package io.mailtune.model.cli;

import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.GenerationConfig;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.DecodeFormat;
import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.GenerationResult;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import io.mailtune.model.runtime.SamplingOptions;
import io.mailtune.model.runtime.TokenListener;
import io.mailtune.model.tokenizer.ChatMessage;
import io.mailtune.model.tokenizer.ChatTemplate;
import io.mailtune.model.tokenizer.ModelTokenizer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code model} command line: {@code info} describes a checkpoint and adapter, {@code generate} answers a prompt. */
public final class ModelCommand {

    static final String USAGE = """
            usage:
              model info <model-dir> [--adapter <peft-dir>] [--template chatml|llama3]
              model generate <model-dir> [--adapter <peft-dir>] [--merge]
                    (--prompt <text> | --chat <text> [--system <text>] | --tokens <id,id,...>)
                    [--max-new-tokens N] [--temperature T] [--top-k K] [--top-p P] [--repetition-penalty R]
                    [--seed S] [--stop <text>]... [--template chatml|llama3] [--max-context N] [--half-decode]
                    [--decode torch|f32|q8] [--ids]
            """;

    private static final Set<String> FLAGS = Set.of("merge", "ids", "half-decode");
    private static final Set<String> VALUED = Set.of("adapter", "prompt", "chat", "system", "tokens", "max-new-tokens",
            "temperature", "top-k", "top-p", "repetition-penalty", "seed", "stop", "template", "max-context", "decode");

    private ModelCommand() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns 0 on success, 1 when the model or adapter cannot be used, 2 on bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = new Arguments(args, FLAGS, VALUED);
            if (a.positional().size() != 2) {
                throw new IllegalArgumentException("expected a command and a model directory");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path modelDir = Path.of(a.positional().get(1));
        try {
            return switch (a.positional().get(0)) {
                case "info" -> info(modelDir, a, out);
                case "generate" -> generate(modelDir, a, out);
                default -> {
                    err.println("error: unknown command '" + a.positional().get(0) + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (UnsupportedModelException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int info(Path dir, Arguments a, PrintStream out) {
        ModelConfig c = ConfigReader.read(dir);
        out.printf("architecture: %s%n", c.architecture().modelType());
        out.printf("layers: %d, hidden: %d, intermediate: %d%n", c.layers(), c.hiddenSize(), c.intermediateSize());
        out.printf("heads: %d, kv heads: %d, head dim: %d%n", c.heads(), c.kvHeads(), c.headDim());
        out.printf("vocab: %d, tied embeddings: %s, max positions: %d%n", c.vocabSize(), c.tiedEmbeddings(),
                c.maxPositions());
        out.printf("rope theta: %s, rope scaling: %s%n", c.ropeTheta(), c.ropeScaling());
        out.printf("parameters: %,d%n", ParameterCount.total(c));
        String adapterDir = a.value("adapter", null);
        if (adapterDir == null) {
            out.println("adapter: none");
        } else {
            LoraAdapter adapter = PeftFormat.read(Path.of(adapterDir), c.layers());
            adapter.checkFits(c);
            var lc = adapter.config();
            out.printf("adapter: %s (base %s)%n", adapterDir, lc.baseModel().isEmpty() ? "?" : lc.baseModel());
            out.printf("adapter rank: %d, alpha: %s, rsLoRA: %s, scale: %s, targets: %s%n", lc.rank(), lc.alpha(),
                    lc.rsLora(), lc.scale(), lc.targets().stream().sorted().map(LoraTarget::moduleName)
                            .collect(Collectors.joining(",")));
            if (!adapter.isUniform()) {
                out.printf("adapter modules: %s%n", moduleSummary(adapter));
            }
            out.printf("adapter parameters: %,d%n", adapter.parameterCount());
        }
        promptInfo(dir, c, a, out);
        return 0;
    }

    // Each adapted projection with its rank and alpha, for adapters that differ from one projection to the next.
    private static String moduleSummary(LoraAdapter adapter) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < adapter.layerCount(); l++) {
            for (var e : adapter.layer(l).entrySet()) {
                parts.add(l + "." + e.getKey().moduleName() + " r=" + e.getValue().rank() + " alpha="
                        + e.getValue().alpha());
            }
        }
        return String.join(", ", parts) + (adapter.hasBias() ? " (with lora_B biases)" : "");
    }

    private static int generate(Path dir, Arguments a, PrintStream out) {
        int given = (a.value("prompt", null) != null ? 1 : 0) + (a.value("chat", null) != null ? 1 : 0)
                + (a.value("tokens", null) != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of --prompt, --chat or --tokens");
        }
        SamplingOptions sampling = new SamplingOptions(a.doubleValue("temperature", 0), a.intValue("top-k", 0),
                a.doubleValue("top-p", 1), a.doubleValue("repetition-penalty", 1), a.intValue("seed", 0));
        int maxNew = a.intValue("max-new-tokens", 64);
        ModelConfig c = ConfigReader.read(dir);
        LoraAdapter adapter = a.value("adapter", null) == null ? null
                : PeftFormat.read(Path.of(a.value("adapter", null)), c.layers());
        boolean raw = a.value("tokens", null) != null;
        LoadOptions options = LoadOptions.defaults().withTemplate(preset(a));
        if (a.intValue("max-context", 0) > 0) {
            options = options.withMaxContext(a.intValue("max-context", 0));
        }
        if (raw && !Files.exists(dir.resolve("tokenizer.json"))) {
            options = options.withoutTokenizer();
        }
        if (a.value("decode", null) != null) {
            options = options.withDecodeFormat(decodeFormat(a.value("decode", null)));
        }
        if (a.flag("half-decode")) {
            options = options.withHalfDecode();
        }
        if (adapter != null && a.flag("merge")) {
            options = options.withMergedAdapter(adapter);
        }
        try (LanguageModel model = LanguageModel.load(dir, options)) {
            int[] prompt = raw ? parseTokens(a.value("tokens", null)) : encode(model, a);
            AdapterHandle handle = new AdapterHandle(model);
            if (adapter != null && !a.flag("merge")) {
                handle.install(Path.of(a.value("adapter", null)).getFileName().toString(), adapter);
            }
            boolean ids = a.flag("ids") || model.tokenizer().isEmpty();
            TokenListener stream = ids ? TokenListener.none() : (token, text) -> {
                out.print(text);
                out.flush();
            };
            try (Generator generator = new Generator(model, handle, GeneratorOptions.defaults())) {
                GenerationResult r = generator.generate(new GenerationRequest(prompt, sampling, maxNew, Set.of(),
                        a.values("stop"), stream));
                if (ids) {
                    out.println(Arrays.stream(r.tokens()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
                } else {
                    out.println();
                }
            }
        }
        return 0;
    }

    private static int[] encode(LanguageModel model, Arguments a) {
        ModelTokenizer tokenizer = model.tokenizer().orElseThrow();
        if (a.value("prompt", null) != null) {
            return tokenizer.encode(a.value("prompt", null));
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (a.value("system", null) != null) {
            messages.add(ChatMessage.system(a.value("system", null)));
        }
        messages.add(ChatMessage.user(a.value("chat", null)));
        return tokenizer.encodeChat(messages);
    }

    private static int[] parseTokens(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tokens must be integers separated by commas, found '" + part + "'");
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    // --template names a preset replacing the checkpoint's own chat template; absent, the checkpoint's is used.
    private static ChatTemplate preset(Arguments a) {
        String name = a.value("template", null);
        return name == null ? null : ChatTemplate.named(name);
    }

    // What decides prompts and stopping: special tokens, the chat template and where it came from, stop tokens.
    private static void promptInfo(Path dir, ModelConfig c, Arguments a, PrintStream out) {
        GenerationConfig gen = GenerationConfig.read(dir);
        out.printf("config.json: bos_token_id %s, eos_token_id %s%n", c.bosTokenId() < 0 ? "none" : c.bosTokenId(),
                c.eosTokenIds());
        out.printf("generation_config.json: %s%n", !gen.present() ? "none" : "eos_token_id " + gen.eosTokenIds()
                + (gen.samplingDefaults().isEmpty() ? ""
                : ", sampling defaults " + gen.samplingDefaults() + " (not applied: requests choose their sampling)"));
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            out.println("tokenizer: none (no tokenizer.json): token ids only, LoadOptions.withoutTokenizer(), "
                    + "generate --tokens");
            out.printf("stop tokens: %s (eos_token_id of config.json and generation_config.json)%n",
                    gen.stopTokens(c));
            return;
        }
        try (ModelTokenizer t = ModelTokenizer.load(dir, c, preset(a))) {
            out.printf("tokenizer: tokenizer.json, %,d token ids%n", t.vocabSize());
            out.printf("special tokens: %s%n", t.specialTokens().isEmpty() ? "none"
                    : t.specialTokens().entrySet().stream().map(e -> e.getKey() + " " + token(t, e.getValue()))
                    .collect(Collectors.joining(", ")));
            out.printf("chat template: %s%n", t.template().source());
            out.printf("end of turn: %s%n", t.template().endOfTurn().isEmpty() ? "none"
                    : token(t, t.template().endOfTurn()));
            out.printf("stop tokens: %s%n", t.stopTokens().stream().map(id -> id + " " + t.tokenText(id))
                    .collect(Collectors.joining(", ")));
            String prompt = t.template().render(List.of(ChatMessage.system("You answer support email."),
                    ChatMessage.user("Where is my order?")));
            out.printf("system + user prompt: %s%n", prompt.replace("\\", "\\\\").replace("\n", "\\n"));
        }
    }

    private static String token(ModelTokenizer t, String text) {
        int id = t.tokenId(text);
        return text + (id < 0 ? " (not a single token)" : " (" + id + ")");
    }

    private static DecodeFormat decodeFormat(String name) {
        return switch (name) {
            case "torch" -> DecodeFormat.TORCH;
            case "f32" -> DecodeFormat.VECTOR_F32;
            case "q8" -> DecodeFormat.VECTOR_Q8;
            default -> throw new IllegalArgumentException("--decode must be torch, f32 or q8, was '" + name + "'");
        };
    }
}
