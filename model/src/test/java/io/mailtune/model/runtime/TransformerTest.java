package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransformerTest {

    private static final double TOLERANCE = 1e-4;
    private static final int[] PROMPT = {1, 7, 12, 33, 5, 61, 9};
    private static final int[] CONTINUATION = {14, 3, 27, 50, 8};

    @TempDir
    Path dir;

    enum AdapterMode { NONE, UNMERGED, MERGED }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (String arch : List.of("llama-tied", "llama-untied-linear", "llama-llama3", "qwen2")) {
            for (AdapterMode mode : AdapterMode.values()) {
                out.add(Arguments.of(arch, mode));
            }
        }
        return out.stream();
    }

    static ObjectNode config(String variant) {
        return switch (variant) {
            case "llama-tied" -> TinyModel.llamaConfig(true);
            case "llama-untied-linear" -> {
                ObjectNode c = TinyModel.llamaConfig(false);
                c.putObject("rope_scaling").put("type", "linear").put("factor", 2.0);
                yield c;
            }
            case "llama-llama3" -> {
                ObjectNode c = TinyModel.llamaConfig(true);
                c.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0)
                        .put("low_freq_factor", 1.0).put("high_freq_factor", 4.0)
                        .put("original_max_position_embeddings", 16);
                yield c;
            }
            case "qwen2" -> TinyModel.qwen2Config();
            default -> throw new IllegalArgumentException(variant);
        };
    }

    static LoraAdapter adapter(TinyModel.Written m, EnumSet<LoraTarget> targets, boolean rsLora, long seed) {
        return LoraAdapter.initialise(m.config(), new LoraConfig(4, 8, targets, rsLora, "tiny"), seed, true);
    }

    @ParameterizedTest(name = "{0} adapter={1}")
    @MethodSource("variants")
    void prefillAndEveryCachedDecodeStepMatchTheFloat64Reference(String variant, AdapterMode mode) {
        TinyModel.Written m = TinyModel.write(dir, config(variant), 42, DType.F32);
        LoraAdapter lora = mode == AdapterMode.NONE ? null
                : adapter(m, EnumSet.allOf(LoraTarget.class), variant.startsWith("qwen"), 7);
        ReferenceModel reference = new ReferenceModel(m.config(), m.weights(), lora);
        LoadOptions options = LoadOptions.defaults().withoutTokenizer().withMaxContext(64);
        if (mode == AdapterMode.MERGED) {
            options = options.withMergedAdapter(lora);
        }
        try (LanguageModel model = LanguageModel.load(dir, options);
             AdapterWeights weights = mode == AdapterMode.UNMERGED ? model.transformer().prepare(lora) : null) {
            double[][] expected = reference.logits(concat(PROMPT, CONTINUATION));
            List<float[]> actual = runAlone(model.transformer(), PROMPT, CONTINUATION, weights);
            for (int t = 0; t < actual.size(); t++) {
                assertClose(expected[t], actual.get(t), variant + " position " + t);
            }
        }
    }

    @Test
    void halfPrecisionDecodeStaysWithinFloat16ErrorAndPrefillStaysExact() {
        TinyModel.Written m = TinyModel.write(dir, TinyModel.qwen2Config(), 42, DType.F32);
        LoraAdapter lora = adapter(m, EnumSet.of(LoraTarget.Q, LoraTarget.GATE), false, 5);
        double[][] expected = new ReferenceModel(m.config(), m.weights(), lora).logits(concat(PROMPT, CONTINUATION));
        try (LanguageModel model = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer().withHalfDecode());
             AdapterWeights weights = model.transformer().prepare(lora)) {
            List<float[]> actual = runAlone(model.transformer(), PROMPT, CONTINUATION, weights);
            for (int t = 0; t < actual.size(); t++) {
                double tolerance = t < PROMPT.length ? TOLERANCE : 1e-2;
                assertTrue(relativeError(expected[t], actual.get(t)) < tolerance, "position " + t);
            }
        }
    }

    @Test
    void aRaggedBatchWithMixedAdaptersMatchesEachSequenceAlone() {
        TinyModel.Written m = TinyModel.write(dir, TinyModel.qwen2Config(), 3, DType.F32);
        LoraAdapter lora = adapter(m, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), false, 11);
        int[] promptA = {1, 20, 21, 22};
        int[] promptB = {1, 40, 41, 42, 43, 44, 45};
        int[] promptC = {1, 9, 8};
        double[][] expectA = new ReferenceModel(m.config(), m.weights(), lora).logits(concat(promptA, CONTINUATION));
        double[][] expectB = new ReferenceModel(m.config(), m.weights(), null).logits(concat(promptB, CONTINUATION));
        double[][] expectC = new ReferenceModel(m.config(), m.weights(), lora).logits(concat(promptC, CONTINUATION));
        try (LanguageModel model = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer());
             AdapterWeights weights = model.transformer().prepare(lora);
             KvCache a = model.transformer().newCache(32);
             KvCache b = model.transformer().newCache(32);
             KvCache c = model.transformer().newCache(32)) {
            Transformer tf = model.transformer();
            // Step 1: A and B prefill together.
            float[][] logits = step(tf, new int[][] {promptA, promptB}, new KvCache[] {a, b},
                    new AdapterWeights[] {weights, null});
            assertClose(expectA[promptA.length - 1], logits[0], "A prefill");
            assertClose(expectB[promptB.length - 1], logits[1], "B prefill");
            // Step 2: A and B decode while C joins with its prefill.
            logits = step(tf, new int[][] {{CONTINUATION[0]}, {CONTINUATION[0]}, promptC}, new KvCache[] {a, b, c},
                    new AdapterWeights[] {weights, null, weights});
            assertClose(expectA[promptA.length], logits[0], "A decode 1");
            assertClose(expectB[promptB.length], logits[1], "B decode 1");
            assertClose(expectC[promptC.length - 1], logits[2], "C prefill");
            for (int i = 1; i < CONTINUATION.length; i++) {
                int[] tok = {CONTINUATION[i]};
                int[] tokC = {CONTINUATION[i - 1]};
                logits = step(tf, new int[][] {tok, tok, tokC}, new KvCache[] {a, b, c},
                        new AdapterWeights[] {weights, null, weights});
                assertClose(expectA[promptA.length + i], logits[0], "A decode " + (i + 1));
                assertClose(expectB[promptB.length + i], logits[1], "B decode " + (i + 1));
                assertClose(expectC[promptC.length + i - 1], logits[2], "C decode " + i);
            }
        }
    }

    private static float[][] step(Transformer tf, int[][] tokens, KvCache[] caches, AdapterWeights[] adapters) {
        List<Segment> segments = new ArrayList<>();
        List<Integer> flat = new ArrayList<>();
        for (int s = 0; s < tokens.length; s++) {
            segments.add(new Segment(caches[s], flat.size(), tokens[s].length, adapters[s]));
            for (int t : tokens[s]) {
                flat.add(t);
            }
        }
        try (NDManager step = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = tf.forward(step, flat.stream().mapToInt(Integer::intValue).toArray(), segments, false);
            float[] all = logits.toFloatArray();
            int vocab = (int) logits.getShape().get(1);
            float[][] out = new float[tokens.length][vocab];
            for (int s = 0; s < tokens.length; s++) {
                System.arraycopy(all, s * vocab, out[s], 0, vocab);
            }
            return out;
        }
    }

    // Prefill with logits for every prompt position, then one cached decode step per continuation token.
    static List<float[]> runAlone(Transformer tf, int[] prompt, int[] continuation, AdapterWeights adapter) {
        List<float[]> out = new ArrayList<>();
        try (KvCache cache = tf.newCache(prompt.length + continuation.length)) {
            try (NDManager step = NDManager.newBaseManager("PyTorch")) {
                NDArray logits = tf.forward(step, prompt, List.of(new Segment(cache, 0, prompt.length, adapter)), true);
                float[] all = logits.toFloatArray();
                int vocab = (int) logits.getShape().get(1);
                for (int t = 0; t < prompt.length; t++) {
                    float[] row = new float[vocab];
                    System.arraycopy(all, t * vocab, row, 0, vocab);
                    out.add(row);
                }
            }
            for (int token : continuation) {
                try (NDManager step = NDManager.newBaseManager("PyTorch")) {
                    out.add(tf.forward(step, new int[] {token}, List.of(new Segment(cache, 0, 1, adapter)), false)
                            .toFloatArray());
                }
            }
        }
        return out;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void assertClose(double[] expected, float[] actual, String what) {
        double relative = relativeError(expected, actual);
        assertTrue(relative < TOLERANCE, what + ": relative error " + relative);
    }

    // max |expected - actual| / max |expected| over the vocabulary
    static double relativeError(double[] expected, float[] actual) {
        double maxDiff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return maxDiff / scale;
    }
}
