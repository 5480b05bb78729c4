package io.mailtune.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.runtime.AdapterWeights;
import io.mailtune.model.runtime.KvCache;
import io.mailtune.model.runtime.Segment;
import io.mailtune.model.runtime.Transformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The files ops/peft-fixtures/make_fixtures.py wrote with HF transformers + PEFT: tiny random bases, PEFT-made
 * adapters and the logits PEFT computes with them for one token sequence.
 */
final class PeftFixtures {

    /** The fixture folder on the test classpath. */
    static final Path ROOT = root();

    private PeftFixtures() {
    }

    private static Path root() {
        try {
            return Path.of(PeftFixtures.class.getResource("/peft-fixtures/cases.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** cases.json: the token ids, the versions, and each case with its base. */
    static JsonNode cases() {
        try {
            return new ObjectMapper().readTree(ROOT.resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] tokens() {
        JsonNode t = cases().get("tokens");
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i).asInt();
        }
        return out;
    }

    static Path base(String name) {
        return ROOT.resolve("bases").resolve(name);
    }

    static Path adapter(String name) {
        return ROOT.resolve("adapters").resolve(name);
    }

    /** PEFT's logits [tokens][vocab] for a case, or for a bare base with {@code base-<name>}. */
    static float[][] expectedLogits(String name) {
        var t = SafetensorsFile.open(ROOT.resolve("logits").resolve(name + ".safetensors")).read("logits");
        int rows = t.shape()[0];
        int vocab = t.shape()[1];
        float[][] out = new float[rows][vocab];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t.data(), r * vocab, out[r], 0, vocab);
        }
        return out;
    }

    /**
     * Mailtune's logits for {@code tokens}: the first {@code prefill} tokens in one forward pass (every position's
     * logits), then the rest one at a time through the KV cache, as generation runs them.
     */
    static float[][] logits(Transformer tf, int[] tokens, int prefill, AdapterWeights adapter) {
        List<float[]> out = new ArrayList<>();
        try (KvCache cache = tf.newCache(tokens.length)) {
            try (NDManager step = NDManager.newBaseManager("PyTorch")) {
                int[] prompt = Arrays.copyOf(tokens, prefill);
                NDArray logits = tf.forward(step, prompt, List.of(new Segment(cache, 0, prefill, adapter)), true);
                float[] all = logits.toFloatArray();
                int vocab = (int) logits.getShape().get(1);
                for (int t = 0; t < prefill; t++) {
                    out.add(Arrays.copyOfRange(all, t * vocab, (t + 1) * vocab));
                }
            }
            for (int i = prefill; i < tokens.length; i++) {
                try (NDManager step = NDManager.newBaseManager("PyTorch")) {
                    out.add(tf.forward(step, new int[] {tokens[i]}, List.of(new Segment(cache, 0, 1, adapter)), false)
                            .toFloatArray());
                }
            }
        }
        return out.toArray(new float[0][]);
    }

    /** The largest absolute difference between two logit tables of the same shape. */
    static double maxDifference(float[][] expected, float[][] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError(expected.length + " rows expected, " + actual.length + " computed");
        }
        double max = 0;
        for (int r = 0; r < expected.length; r++) {
            if (expected[r].length != actual[r].length) {
                throw new AssertionError("row " + r + ": vocab " + expected[r].length + " vs " + actual[r].length);
            }
            for (int v = 0; v < expected[r].length; v++) {
                max = Math.max(max, Math.abs(expected[r][v] - actual[r][v]));
            }
        }
        return max;
    }
}
