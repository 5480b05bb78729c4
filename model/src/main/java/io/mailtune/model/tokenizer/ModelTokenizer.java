package io.mailtune.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.UnsupportedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's {@code tokenizer.json}, run by HuggingFace tokenizers through DJL from a local file (never the
 * hub), with the special tokens the checkpoint declares and a chat template.
 */
public final class ModelTokenizer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> ids;
    private final int vocabSize;
    private final ChatTemplate template;
    private final Set<Integer> stopTokens;
    private final int bosTokenId;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> ids, int vocabSize,
                           ChatTemplate template, Set<Integer> stopTokens, int bosTokenId) {
        this.tokenizer = tokenizer;
        this.ids = ids;
        this.vocabSize = vocabSize;
        this.template = template;
        this.stopTokens = Set.copyOf(stopTokens);
        this.bosTokenId = bosTokenId;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json}, {@code generation_config.json} when present)
     * from a checkpoint directory. A vocabulary larger than the model's fails, naming both sizes.
     */
    public static ModelTokenizer load(Path dir, ModelConfig model, ChatTemplate template) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedModelException("no tokenizer.json in " + dir);
        }
        Map<String, Integer> ids = new HashMap<>();
        int maxId;
        try {
            maxId = vocabulary(JSON.readTree(file.toFile()), ids);
        } catch (IOException e) {
            throw new UnsupportedModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int size = maxId + 1;
        if (size > model.vocabSize()) {
            throw new UnsupportedModelException("tokenizer " + file + " has " + size
                    + " token ids but the model's vocab_size is " + model.vocabSize());
        }
        Set<Integer> stops = new LinkedHashSet<>(model.eosTokenIds());
        int bos = model.bosTokenId();
        JsonNode tokCfg = optionalJson(dir.resolve("tokenizer_config.json"));
        Integer eos = ids.get(tokenText(tokCfg.path("eos_token")));
        if (eos != null) {
            stops.add(eos);
        }
        Integer bosFromConfig = ids.get(tokenText(tokCfg.path("bos_token")));
        if (bos < 0 && bosFromConfig != null) {
            bos = bosFromConfig;
        }
        JsonNode gen = optionalJson(dir.resolve("generation_config.json")).path("eos_token_id");
        if (gen.isInt()) {
            stops.add(gen.asInt());
        } else if (gen.isArray()) {
            gen.forEach(n -> stops.add(n.asInt()));
        }
        Integer endOfTurn = ids.get(template.endOfTurn());
        if (endOfTurn != null) {
            stops.add(endOfTurn);
        }
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedModelException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
        return new ModelTokenizer(hf, ids, size, template, stops, bos);
    }

    // Collects token -> id from the model vocabulary (BPE/WordLevel map or Unigram list) and added tokens;
    // returns the largest id.
    private static int vocabulary(JsonNode root, Map<String, Integer> ids) {
        int max = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (var it = vocab.fields(); it.hasNext(); ) {
                var e = it.next();
                ids.put(e.getKey(), e.getValue().asInt());
                max = Math.max(max, e.getValue().asInt());
            }
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), i);
            }
            max = vocab.size() - 1;
        }
        for (JsonNode t : root.path("added_tokens")) {
            ids.put(t.path("content").asText(), t.path("id").asInt());
            max = Math.max(max, t.path("id").asInt());
        }
        if (max < 0) {
            throw new UnsupportedModelException("tokenizer.json has no vocabulary");
        }
        return max;
    }

    private static JsonNode optionalJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UnsupportedModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String tokenText(JsonNode node) {
        return node.isObject() ? node.path("content").asText(null) : node.asText(null);
    }

    /** Token ids of a text, without adding special tokens (special tokens written in the text are kept). */
    public int[] encode(String text) {
        long[] raw = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (int) raw[i];
        }
        return out;
    }

    /** The text of token ids, special tokens left out. */
    public String decode(int[] tokens) {
        long[] raw = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            raw[i] = tokens[i];
        }
        return tokenizer.decode(raw, true);
    }

    /** The token ids of a conversation rendered with the chat template, ready for the assistant's answer. */
    public int[] encodeChat(List<ChatMessage> messages) {
        return encode(template.render(messages));
    }

    /** The id of a token string, or -1 when it is not a single token. */
    public int tokenId(String token) {
        return ids.getOrDefault(token, -1);
    }

    /** Number of token ids the tokenizer can produce. */
    public int vocabSize() {
        return vocabSize;
    }

    /** The chat template in use. */
    public ChatTemplate template() {
        return template;
    }

    /** Token ids that end generation: the checkpoint's EOS ids and the template's end-of-turn token. */
    public Set<Integer> stopTokens() {
        return stopTokens;
    }

    /** The beginning-of-sequence id, or -1 when the checkpoint declares none. */
    public int bosTokenId() {
        return bosTokenId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
