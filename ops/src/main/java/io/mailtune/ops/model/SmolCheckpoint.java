package io.mailtune.ops.model;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight checkpoint with SmolLM2-135M's exact config (hidden 576, intermediate 1536, 30 layers,
 * 9 heads / 3 KV heads, vocab 49152, rope_theta 100000, tied embeddings) and a byte-level BPE tokenizer.json
 * that both Mailtune and Jlama can load. The benchmark feeds token ids, so the tokenizer's content does not matter.
 */
final class SmolCheckpoint {

    static final int VOCAB = 49152;
    static final int HIDDEN = 576;
    static final int INTERMEDIATE = 1536;
    static final int LAYERS = 30;
    static final int HEADS = 9;
    static final int KV_HEADS = 3;
    static final long PARAMETERS = 134_515_008L;

    private SmolCheckpoint() {
    }

    /** Writes the checkpoint into dir unless a complete one is already there. */
    static void write(Path dir, long seed) throws IOException {
        if (Files.isRegularFile(dir.resolve("model.safetensors")) && Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), """
                {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 0,
                 "eos_token_id": 0, "hidden_act": "silu", "hidden_size": 576, "intermediate_size": 1536,
                 "max_position_embeddings": 8192, "model_type": "llama", "num_attention_heads": 9,
                 "num_hidden_layers": 30, "num_key_value_heads": 3, "rms_norm_eps": 1e-05, "rope_scaling": null,
                 "rope_theta": 100000, "tie_word_embeddings": true, "torch_dtype": "float32", "vocab_size": 49152}
                """);
        SplittableRandom r = new SplittableRandom(seed);
        int kv = KV_HEADS * (HIDDEN / HEADS);
        List<HostTensor> tensors = new ArrayList<>();
        tensors.add(random(r, "model.embed_tokens.weight", 0.02, 0, VOCAB, HIDDEN));
        for (int l = 0; l < LAYERS; l++) {
            String p = "model.layers." + l + ".";
            tensors.add(random(r, p + "input_layernorm.weight", 0.05, 1, HIDDEN));
            tensors.add(random(r, p + "self_attn.q_proj.weight", 0.04, 0, HIDDEN, HIDDEN));
            tensors.add(random(r, p + "self_attn.k_proj.weight", 0.04, 0, kv, HIDDEN));
            tensors.add(random(r, p + "self_attn.v_proj.weight", 0.04, 0, kv, HIDDEN));
            tensors.add(random(r, p + "self_attn.o_proj.weight", 0.04, 0, HIDDEN, HIDDEN));
            tensors.add(random(r, p + "post_attention_layernorm.weight", 0.05, 1, HIDDEN));
            tensors.add(random(r, p + "mlp.gate_proj.weight", 0.04, 0, INTERMEDIATE, HIDDEN));
            tensors.add(random(r, p + "mlp.up_proj.weight", 0.04, 0, INTERMEDIATE, HIDDEN));
            tensors.add(random(r, p + "mlp.down_proj.weight", 0.04, 0, HIDDEN, INTERMEDIATE));
        }
        tensors.add(random(r, "model.norm.weight", 0.05, 1, HIDDEN));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, DType.F32, Map.of("format", "pt"));
        writeTokenizer(dir, VOCAB);
    }

    private static HostTensor random(SplittableRandom r, String name, double spread, double centre, int... shape) {
        float[] data = new float[(int) HostTensor.elements(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (centre + (r.nextDouble() * 2 - 1) * spread);
        }
        return new HostTensor(name, shape, data);
    }

    // A byte-level BPE vocabulary: the 256 byte symbols, three special tokens, then filler tokens up to vocab.
    static void writeTokenizer(Path dir, int vocabSize) throws IOException {
        StringBuilder vocab = new StringBuilder();
        int id = 0;
        vocab.append("\"<|endoftext|>\":").append(id++).append(",\"<|im_start|>\":").append(id++)
                .append(",\"<|im_end|>\":").append(id++);
        for (int b = 0; b < 256; b++) {
            vocab.append(',').append(quote(byteSymbol(b))).append(':').append(id++);
        }
        while (id < vocabSize) {
            vocab.append(",\"tok").append(id).append("\":").append(id++);
        }
        String added = "{\"id\":0,\"content\":\"<|endoftext|>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
                + "\"normalized\":false,\"special\":true},{\"id\":1,\"content\":\"<|im_start|>\",\"single_word\":false,"
                + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true},{\"id\":2,\"content\":"
                + "\"<|im_end|>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,"
                + "\"special\":true}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added + "],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
                + "\"trim_offsets\":true,\"use_regex\":true},\"post_processor\":null,"
                + "\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":{" + vocab
                + "},\"merges\":[]}}";
        Files.writeString(dir.resolve("tokenizer.json"), json);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\":\"<|endoftext|>\",\"eos_token\":\"<|endoftext|>\",\"model_max_length\":8192}");
    }

    // GPT-2's byte-to-unicode map: printable bytes stand for themselves, the rest shift above U+0100.
    private static String byteSymbol(int b) {
        if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
            return String.valueOf((char) b);
        }
        int n = 0;
        for (int x = 0; x < b; x++) {
            if (!((x >= '!' && x <= '~') || (x >= 0xA1 && x <= 0xAC) || (x >= 0xAE && x <= 0xFF))) {
                n++;
            }
        }
        return String.valueOf((char) (256 + n));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
