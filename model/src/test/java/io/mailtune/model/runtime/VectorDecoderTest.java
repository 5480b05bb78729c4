package io.mailtune.model.runtime;

import static io.mailtune.model.runtime.TransformerTest.assertClose;
import static io.mailtune.model.runtime.TransformerTest.concat;
import static io.mailtune.model.runtime.TransformerTest.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.vector.VectorAdapter;
import io.mailtune.model.runtime.vector.VectorCache;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.Workers;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorDecoderTest {

    private static final int[] PROMPT = {1, 7, 12, 33, 5, 61, 9};
    private static final int[] CONTINUATION = {14, 3, 27, 50, 8};
    private static final Workers TWO = new Workers(2);

    @TempDir
    Path dir;

    @AfterAll
    static void stopWorkers() {
        TWO.close();
    }

    private LanguageModel load(String variant, DecodeFormat format) {
        TinyModel.write(dir, TransformerTest.config(variant), 42, DType.F32);
        return LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer().withMaxContext(64).withDecodeFormat(format));
    }

    private static LoraAdapter lora(LanguageModel model, boolean rsLora) {
        return LoraAdapter.initialise(model.config(), new io.mailtune.model.lora.LoraConfig(4, 8,
                EnumSet.allOf(LoraTarget.class), rsLora, "tiny"), 7, true);
    }

    // Every token through the decoder alone, the prompt included: logits at each position.
    private static float[][] decodeAll(VectorDecoder decoder, int[] tokens, VectorAdapter adapter, Workers workers) {
        VectorCache cache = decoder.newCache(tokens.length);
        float[][] out = new float[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            out[t] = decoder.step(new int[] {tokens[t]}, new VectorCache[] {cache}, new VectorAdapter[] {adapter},
                    workers)[0];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama-tied", "llama-untied-linear", "llama-llama3", "qwen2"})
    void float32DecodeStepsMatchTheFloat64ReferenceWithAnUnmergedAdapter(String variant) {
        try (LanguageModel model = load(variant, DecodeFormat.VECTOR_F32);
             AdapterWeights weights = model.transformer().prepare(lora(model, variant.startsWith("qwen")))) {
            int[] tokens = concat(PROMPT, CONTINUATION);
            ReferenceModel reference = new ReferenceModel(model.config(), TinyModel.write(dir,
                    TransformerTest.config(variant), 42, DType.F32).weights(), weights.adapter());
            double[][] expected = reference.logits(tokens);
            float[][] actual = decodeAll(model.decoder(), tokens, weights.vectorForm(), TWO);
            for (int t = 0; t < tokens.length; t++) {
                assertClose(expected[t], actual[t], variant + " position " + t);
            }
        }
    }

    @Test
    void aPrefillOnDjlHandsItsKeysAndValuesToTheDecoder() {
        try (LanguageModel model = load("qwen2", DecodeFormat.VECTOR_F32);
             AdapterWeights weights = model.transformer().prepare(lora(model, false));
             KvCache djl = model.transformer().newCache(PROMPT.length + CONTINUATION.length)) {
            double[][] expected = new ReferenceModel(model.config(), TinyModel.write(dir, TinyModel.qwen2Config(), 42,
                    DType.F32).weights(), weights.adapter()).logits(concat(PROMPT, CONTINUATION));
            try (NDManager step = NDManager.newBaseManager("PyTorch")) {
                model.transformer().forward(step, PROMPT, List.of(new Segment(djl, 0, PROMPT.length, weights)), false);
            }
            VectorDecoder decoder = model.decoder();
            VectorCache cache = decoder.newCache(PROMPT.length + CONTINUATION.length);
            KvHandover.copy(djl, cache, model.config().layers());
            assertEquals(PROMPT.length, cache.length());
            for (int i = 0; i < CONTINUATION.length; i++) {
                float[] logits = decoder.step(new int[] {CONTINUATION[i]}, new VectorCache[] {cache},
                        new VectorAdapter[] {weights.vectorForm()}, TWO)[0];
                assertClose(expected[PROMPT.length + i], logits, "continuation " + i);
            }
        }
    }

    // Five sequences: the kernels' four-at-a-time path and its remainder both run.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"VECTOR_F32", "VECTOR_Q8"})
    void oneStepOverSequencesOfDifferentLengthsAndAdaptersMatchesEachAlone(String format) {
        try (LanguageModel model = load("llama-tied", DecodeFormat.valueOf(format));
             AdapterWeights weights = model.transformer().prepare(lora(model, false))) {
            VectorDecoder decoder = model.decoder();
            int[][] prompts = {{1, 20, 21, 22}, {1, 40}, {1, 9, 8, 7, 6, 5}, {3}, {1, 2, 3}};
            VectorAdapter[] adapters = {weights.vectorForm(), null, weights.vectorForm(), null, weights.vectorForm()};
            int[] next = {5, 6, 7, 8, 9};
            VectorCache[] caches = new VectorCache[prompts.length];
            float[][] alone = new float[prompts.length][];
            for (int s = 0; s < prompts.length; s++) {
                alone[s] = decodeAll(decoder, concat(prompts[s], new int[] {next[s]}), adapters[s], TWO)[prompts[s].length];
                caches[s] = decoder.newCache(8);
                for (int t : prompts[s]) {
                    decoder.step(new int[] {t}, new VectorCache[] {caches[s]}, new VectorAdapter[] {adapters[s]}, TWO);
                }
            }
            float[][] together = decoder.step(next, caches, adapters, TWO);
            for (int s = 0; s < prompts.length; s++) {
                // Float32 sums taken in another order (four sequences per weight load, chunks claimed by whichever
                // thread is free) differ by rounding, ~1e-6; a sequence reading another's cache or adapter, by far more.
                assertEquals(0, relativeError(toDouble(alone[s]), together[s]), 1e-5, "sequence " + s);
            }
        }
    }

    @Test
    // A tiny random model has few values per block, so its logits move by a few percent; a kernel bug moves them by all.
    void int8DecodeStaysWithinQuantisationErrorOfTheReference() {
        try (LanguageModel model = load("qwen2", DecodeFormat.VECTOR_Q8)) {
            int[] tokens = concat(PROMPT, CONTINUATION);
            double[][] expected = new ReferenceModel(model.config(), TinyModel.write(dir, TinyModel.qwen2Config(), 42,
                    DType.F32).weights(), null).logits(tokens);
            float[][] actual = decodeAll(model.decoder(), tokens, null, new Workers(1));
            for (int t = 0; t < tokens.length; t++) {
                double error = relativeError(expected[t], actual[t]);
                assertTrue(error < 5e-2, "position " + t + ": relative error " + error);
            }
        }
    }

    @Test
    void theTorchFormatLoadsNoVectorDecoder() {
        try (LanguageModel model = load("llama-tied", DecodeFormat.TORCH)) {
            assertEquals(DecodeFormat.TORCH, model.decodeFormat());
            assertEquals(null, model.decoder());
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
