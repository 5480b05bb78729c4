package io.mailtune.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.config.UnsupportedModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint says about its tokenizer beyond {@code tokenizer.json}, read as {@code transformers} 5 reads it:
 * the named special tokens from {@code tokenizer_config.json} (from {@code special_tokens_map.json} where the config
 * names none), and the chat template from {@code chat_template.jinja} when present, else from
 * {@code tokenizer_config.json}'s {@code chat_template} (a string, or a list of named templates whose
 * {@code default} is taken).
 *
 * @param specialTokens      {@code bos_token}, {@code eos_token}, ... to their text, only those set
 * @param chatTemplate       the Jinja source, or null when the checkpoint has none
 * @param chatTemplateOrigin the file it came from, or null
 */
record TokenizerConfig(Map<String, String> specialTokens, String chatTemplate, Path chatTemplateOrigin) {

    /** The special-token attributes HF passes to chat templates, in its order. */
    static final List<String> SPECIAL_TOKEN_NAMES = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");

    private static final ObjectMapper JSON = new ObjectMapper();

    TokenizerConfig {
        specialTokens = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokens));
    }

    /** Reads the files of a checkpoint directory; each is optional. */
    static TokenizerConfig read(Path dir) {
        JsonNode config = optionalJson(dir.resolve("tokenizer_config.json"));
        JsonNode map = optionalJson(dir.resolve("special_tokens_map.json"));
        Map<String, String> specials = new LinkedHashMap<>();
        for (String name : SPECIAL_TOKEN_NAMES) {
            String text = tokenText(config.path(name));
            if (text == null) {
                text = tokenText(map.path(name));
            }
            if (text != null) {
                specials.put(name, text);
            }
        }
        Path jinja = dir.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            try {
                return new TokenizerConfig(specials, Files.readString(jinja, StandardCharsets.UTF_8), jinja);
            } catch (IOException e) {
                throw new UnsupportedModelException("cannot read " + jinja + ": " + e.getMessage(), e);
            }
        }
        Path configFile = dir.resolve("tokenizer_config.json");
        JsonNode template = config.path("chat_template");
        if (template.isTextual()) {
            return new TokenizerConfig(specials, template.asText(), configFile);
        }
        if (template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText())) {
                    return new TokenizerConfig(specials, named.path("template").asText(), configFile);
                }
            }
            throw new UnsupportedModelException(configFile + " lists chat templates but none named 'default'");
        }
        return new TokenizerConfig(specials, null, null);
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

    // A special token is written as its text or as an AddedToken object {"content": ...}.
    private static String tokenText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return node.isObject() && node.path("content").isTextual() ? node.get("content").asText() : null;
    }
}
