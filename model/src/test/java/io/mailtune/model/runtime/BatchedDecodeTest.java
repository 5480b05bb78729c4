package io.mailtune.model.runtime;

import static io.mailtune.model.runtime.TransformerTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decode steps over several sequences of one cache pool, checked step by step against the float64 reference. */
class BatchedDecodeTest {

    @TempDir
    Path dir;

    private TinyModel.Written written;
    private LanguageModel model;
    private final List<AdapterWeights> prepared = new ArrayList<>();

    // One sequence: its tokens, the reference logits for every position, and how many tokens its cache holds.
    private final class Sequence {
        final int[] tokens;
        final AdapterWeights adapter;
        final double[][] expected;
        final int promptLength;
        KvCache cache;
        int fed;

        Sequence(int promptLength, int total, long seed, LoraAdapter lora, AdapterWeights adapter) {
            this.tokens = new int[total];
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < total; i++) {
                tokens[i] = r.nextInt(3, 64);
            }
            this.promptLength = promptLength;
            this.adapter = adapter;
            this.expected = new ReferenceModel(written.config(), written.weights(), lora).logits(tokens);
        }

        int[] next() {
            return fed == 0 ? Arrays.copyOf(tokens, promptLength) : new int[] {tokens[fed]};
        }
    }

    private void load(String variant) {
        written = TinyModel.write(dir, TransformerTest.config(variant), 5, DType.F32);
        model = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer().withMaxContext(256));
    }

    private LoraAdapter lora(long seed) {
        return TransformerTest.adapter(written, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.DOWN),
                false, seed);
    }

    private AdapterWeights prepare(LoraAdapter lora) {
        AdapterWeights w = model.transformer().prepare(lora);
        prepared.add(w);
        return w;
    }

    private void close() {
        prepared.forEach(AdapterWeights::close);
        model.close();
    }

    // One forward pass over the sequences in the given order (a prompt for a new one, else its next token),
    // asserting each one's logits against the reference at its last fed position.
    private void step(String what, Sequence... batch) {
        List<Segment> segments = new ArrayList<>();
        List<Integer> flat = new ArrayList<>();
        for (Sequence s : batch) {
            int[] in = s.next();
            segments.add(new Segment(s.cache, flat.size(), in.length, s.adapter));
            for (int t : in) {
                flat.add(t);
            }
        }
        try (NDManager step = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = model.transformer().forward(step, flat.stream().mapToInt(Integer::intValue).toArray(),
                    segments, false);
            float[] all = logits.toFloatArray();
            int vocab = (int) logits.getShape().get(1);
            for (int i = 0; i < batch.length; i++) {
                Sequence s = batch[i];
                s.fed += s.next().length;
                float[] row = Arrays.copyOfRange(all, i * vocab, (i + 1) * vocab);
                assertClose(s.expected[s.fed - 1], row, what + ", sequence " + i + " at position " + (s.fed - 1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama-tied", "llama-untied-linear", "qwen2"})
    void sequencesOfDifferentLengthsWithMixedAdaptersDecodeTogetherLikeTheReference(String variant) {
        load(variant);
        try {
            LoraAdapter first = lora(7);
            LoraAdapter second = lora(8);
            AdapterWeights firstOnDevice = prepare(first);
            AdapterWeights secondOnDevice = prepare(second);
            Sequence a = new Sequence(3, 12, 1, first, firstOnDevice);
            Sequence b = new Sequence(11, 20, 2, null, null);
            Sequence c = new Sequence(6, 15, 3, second, secondOnDevice);
            Sequence d = new Sequence(1, 10, 4, first, firstOnDevice);
            KvCachePool pool = model.transformer().newCachePool(4);
            for (Sequence s : List.of(a, b, c, d)) {
                s.cache = pool.open(s.tokens.length);
            }
            step("prefill", a, b, c, d);
            for (int i = 0; i < 8; i++) {
                step("decode " + i, a, b, c, d);
            }
            for (Sequence s : List.of(a, b, c, d)) {
                s.cache.close();
            }
        } finally {
            close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama-tied", "qwen2"})
    void sequencesJoiningFinishingAndRejoiningASlotKeepMatchingTheReference(String variant) {
        load(variant);
        try {
            LoraAdapter lora = lora(9);
            AdapterWeights onDevice = prepare(lora);
            Sequence a = new Sequence(9, 30, 11, lora, onDevice);
            Sequence b = new Sequence(4, 30, 12, null, null);
            Sequence c = new Sequence(7, 30, 13, lora, onDevice);
            Sequence d = new Sequence(2, 30, 14, null, null);
            KvCachePool pool = model.transformer().newCachePool(4);
            a.cache = pool.open(30);
            b.cache = pool.open(30);
            step("A and B prefill", a, b);
            step("A and B decode", a, b);
            step("A and B decode", a, b);
            c.cache = pool.open(30);
            step("C joins while A and B decode", a, b, c);
            step("A, B and C decode", a, b, c);
            step("A, B and C decode in another order", c, a, b);
            a.cache.close(); // A finishes; its slot keeps A's stale keys
            step("B and C decode after A left", b, c);
            d.cache = pool.open(200); // D takes A's slot; the larger capacity regrows the storage
            step("D joins A's slot while B and C decode", b, c, d);
            step("D, C and B decode out of slot order", d, c, b);
            b.cache.close(); // a free slot now sits between D's and C's
            step("C and D decode around a free slot", c, d);
            step("C and D decode around a free slot", d, c);
            c.cache.close();
            d.cache.close();
            assertEquals(0, pool.storedValues());
        } finally {
            close();
        }
    }

    @Test
    void aPoolGrowsWithItsCachesAndFreesItsStorageWhenTheLastCloses() {
        load("qwen2");
        try {
            long perToken = 2L * written.config().layers() * written.config().kvHeads() * written.config().headDim();
            KvCachePool pool = model.transformer().newCachePool(3);
            KvCache first = pool.open(10);
            assertEquals(perToken * 64, pool.storedValues(), "one slot rounded up to 64 tokens");
            KvCache second = pool.open(130);
            assertEquals(perToken * 2 * 192, pool.storedValues(), "two slots of the largest capacity");
            KvCache third = pool.open(5);
            assertEquals(perToken * 3 * 192, pool.storedValues(), "slots stop at the pool's size");
            assertThrows(IllegalStateException.class, () -> pool.open(5));
            assertThrows(IllegalArgumentException.class, () -> pool.open(257));
            second.close();
            assertEquals(2, pool.inUse());
            assertTrue(pool.storedValues() > 0);
            first.close();
            third.close();
            third.close();
            assertEquals(0, pool.inUse());
            assertEquals(0, pool.storedValues());
        } finally {
            close();
        }
    }
}
