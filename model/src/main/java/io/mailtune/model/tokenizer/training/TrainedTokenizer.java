package io.mailtune.model.tokenizer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A learnt byte-level BPE vocabulary, written in HuggingFace's {@code tokenizer.json} format (plus a
 * {@code tokenizer_config.json} naming the special tokens), so DJL, HuggingFace {@code tokenizers} and
 * {@code transformers} all load it.
 *
 * @param vocab         token to id, ids dense from 0
 * @param merges        merge rules in rank order
 * @param specialTokens special tokens; the first is end-of-text and padding, ChatML's turn markers follow when given
 */
public record TrainedTokenizer(Map<String, Integer> vocab, List<String[]> merges, List<String> specialTokens) {

    /** Copies the parts. */
    public TrainedTokenizer {
        vocab = Map.copyOf(vocab);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
    }

    /** Vocabulary size including special tokens. */
    public int size() {
        return vocab.size();
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into the directory. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("tokenizer.json"), mapper.writeValueAsString(tokenizerJson()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer_config.json"), mapper.writeValueAsString(tokenizerConfig()) + "\n", StandardCharsets.UTF_8);
    }

    private ObjectNode tokenizerJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : specialTokens) {
            ObjectNode token = added.addObject();
            token.put("id", vocab.get(special));
            token.put("content", special);
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(f));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(f));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> vocabNode.put(entry.getKey(), entry.getValue()));
        ArrayNode mergeNode = model.putArray("merges");
        for (String[] merge : merges) {
            // "left right": byte-level symbols never contain a space, and every tokenizers version reads this form.
            mergeNode.add(merge[0] + " " + merge[1]);
        }
        return root;
    }

    private static ObjectNode byteLevel(JsonNodeFactory f) {
        ObjectNode node = f.objectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", false);
        node.put("trim_offsets", true);
        node.put("use_regex", true);
        return node;
    }

    private ObjectNode tokenizerConfig() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        String endOfText = specialTokens.getFirst();
        config.put("tokenizer_class", "GPT2Tokenizer");
        config.put("bos_token", endOfText);
        config.put("eos_token", specialTokens.contains("<|im_end|>") ? "<|im_end|>" : endOfText);
        config.put("unk_token", endOfText);
        config.put("pad_token", endOfText);
        config.put("add_prefix_space", false);
        config.put("model_max_length", 2048);
        return config;
    }
}
