package io.mailtune.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.config.GenerationConfig;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.UnsupportedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's {@code tokenizer.json}, run by HuggingFace tokenizers through DJL from a local file (never the
 * hub), with the special tokens the checkpoint declares, its chat template and its stop tokens.
 */
public final class ModelTokenizer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> ids;
    private final Map<Integer, String> addedTokens;
    private final int vocabSize;
    private final ChatTemplate template;
    private final Set<Integer> stopTokens;
    private final int bosTokenId;
    private final Map<String, String> specialTokens;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> ids, Map<Integer, String> addedTokens,
                           int vocabSize, ChatTemplate template, Set<Integer> stopTokens, int bosTokenId,
                           Map<String, String> specialTokens) {
        this.tokenizer = tokenizer;
        this.ids = ids;
        this.addedTokens = Map.copyOf(addedTokens);
        this.vocabSize = vocabSize;
        this.template = template;
        this.stopTokens = Collections.unmodifiableSet(new LinkedHashSet<>(stopTokens));
        this.bosTokenId = bosTokenId;
        this.specialTokens = specialTokens;
    }

    /** Loads a checkpoint's tokenizer with its own chat template (ChatML when it has none). */
    public static ModelTokenizer load(Path dir, ModelConfig model) {
        return load(dir, model, null);
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json}, {@code special_tokens_map.json},
     * {@code chat_template.jinja}, {@code generation_config.json} when present) from a checkpoint directory.
     * The chat template is {@code template} when given, else the checkpoint's Jinja template, else ChatML. Stop
     * tokens are {@code config.json}'s and {@code generation_config.json}'s {@code eos_token_id}s,
     * {@code tokenizer_config.json}'s {@code eos_token} and the template's end of turn. A vocabulary larger than the
     * model's fails, naming both sizes; a Jinja template that cannot be run fails, naming the construct.
     *
     * @param template a preset replacing the checkpoint's template, or null
     */
    public static ModelTokenizer load(Path dir, ModelConfig model, ChatTemplate template) {
        return load(dir, model, template, Clock.systemDefaultZone());
    }

    /** As {@link #load(Path, ModelConfig, ChatTemplate)}, with the clock the template's {@code strftime_now} reads. */
    static ModelTokenizer load(Path dir, ModelConfig model, ChatTemplate template, Clock clock) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedModelException("no tokenizer.json in " + dir + "; to run this checkpoint on token ids "
                    + "alone, load it with LoadOptions.defaults().withoutTokenizer() (model generate --tokens)");
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> added = new HashMap<>();
        int maxId;
        try {
            maxId = vocabulary(JSON.readTree(file.toFile()), ids, added);
        } catch (IOException e) {
            throw new UnsupportedModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int size = maxId + 1;
        if (size > model.vocabSize()) {
            throw new UnsupportedModelException("tokenizer " + file + " has " + size
                    + " token ids but the model's vocab_size is " + model.vocabSize());
        }
        TokenizerConfig tokCfg = TokenizerConfig.read(dir);
        ChatTemplate chat = template != null ? template
                : tokCfg.chatTemplate() == null ? ChatTemplate.CHATML
                : JinjaChatTemplate.compile(tokCfg.chatTemplate(), tokCfg.chatTemplateOrigin().toString(),
                        tokCfg.specialTokens(), added.values(), clock);
        Set<Integer> stops = new LinkedHashSet<>(GenerationConfig.read(dir).stopTokens(model));
        Integer eos = ids.get(tokCfg.specialTokens().get("eos_token"));
        if (eos != null) {
            stops.add(eos);
        }
        Integer endOfTurn = ids.get(chat.endOfTurn());
        if (endOfTurn != null) {
            stops.add(endOfTurn);
        }
        int bos = model.bosTokenId();
        Integer bosFromConfig = ids.get(tokCfg.specialTokens().get("bos_token"));
        if (bos < 0 && bosFromConfig != null) {
            bos = bosFromConfig;
        }
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedModelException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
        return new ModelTokenizer(hf, ids, added, size, chat, stops, bos, tokCfg.specialTokens());
    }

    // Collects token -> id from the model vocabulary (BPE/WordLevel map or Unigram list) and added tokens (also
    // into `added`); returns the largest id.
    private static int vocabulary(JsonNode root, Map<String, Integer> ids, Map<Integer, String> added) {
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
            added.put(t.path("id").asInt(), t.path("content").asText());
            max = Math.max(max, t.path("id").asInt());
        }
        if (max < 0) {
            throw new UnsupportedModelException("tokenizer.json has no vocabulary");
        }
        return max;
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

    /**
     * Token ids that end generation, in this order: {@code config.json}'s and {@code generation_config.json}'s
     * EOS ids, {@code tokenizer_config.json}'s {@code eos_token}, the template's end-of-turn token.
     */
    public Set<Integer> stopTokens() {
        return stopTokens;
    }

    /** The checkpoint's named special tokens ({@code bos_token}, {@code eos_token}, ...) and their text. */
    public Map<String, String> specialTokens() {
        return specialTokens;
    }

    /** The text of an id: an added (special) token's content, or the vocabulary entry; null when unknown. */
    public String tokenText(int id) {
        String special = addedTokens.get(id);
        if (special != null) {
            return special;
        }
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (e.getValue() == id) {
                return e.getKey();
            }
        }
        return null;
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
