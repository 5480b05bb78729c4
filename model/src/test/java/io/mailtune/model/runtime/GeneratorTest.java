package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

    private static final int[] PROMPT = {1, 5, 6, 7, 8};

    @TempDir
    Path dir;

    private TinyModel.Written written;
    private LanguageModel model;
    private AdapterHandle adapters;
    private Generator generator;

    @BeforeEach
    void load() {
        written = TinyModel.write(dir, TinyModel.llamaConfig(false).put("eos_token_id", 63), 21, DType.F32);
        model = LanguageModel.load(dir, LoadOptions.defaults().withMaxContext(48));
        adapters = new AdapterHandle(model);
        generator = new Generator(model, adapters, new GeneratorOptions(4, 16, 64));
    }

    @AfterEach
    void close() {
        generator.close();
        model.close();
    }

    private static GenerationRequest request(int[] prompt, SamplingOptions sampling, int max, List<String> stops,
                                             TokenListener listener) {
        return new GenerationRequest(prompt, sampling, max, Set.of(), stops, listener);
    }

    private int[] referenceGreedy(int[] prompt, int steps, LoraAdapter adapter) {
        ReferenceModel reference = new ReferenceModel(written.config(), written.weights(), adapter);
        int[] seq = prompt.clone();
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            double[][] logits = reference.logits(seq);
            double[] last = logits[seq.length - 1];
            int best = 0;
            for (int t = 1; t < last.length; t++) {
                if (last[t] > last[best]) {
                    best = t;
                }
            }
            out[i] = best;
            seq = TransformerTest.concat(seq, new int[] {best});
        }
        return out;
    }

    private LoraAdapter lora(long seed) {
        return LoraAdapter.initialise(written.config(), new LoraConfig(4, 16,
                EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.UP), false, "tiny"), seed, true);
    }

    @Test
    void greedyDecodingFollowsTheReferenceModel() {
        GenerationResult r = generator.generate(GenerationRequest.greedy(PROMPT, 6));
        int[] expected = referenceGreedy(PROMPT, 6, null);
        int stop = 0;
        while (stop < expected.length && !Set.of(2, 4, 63).contains(expected[stop])) {
            stop++;
        }
        assertArrayEquals(java.util.Arrays.copyOf(expected, Math.min(stop + 1, 6)), r.tokens());
    }

    @Test
    void theMeanLogProbabilityIsTheReferenceModelsForTheChosenTokens() {
        GenerationResult r = generator.generate(GenerationRequest.greedy(PROMPT, 5));
        ReferenceModel reference = new ReferenceModel(written.config(), written.weights(), null);
        int[] seq = PROMPT.clone();
        double sum = 0;
        for (int token : r.tokens()) {
            double[] last = reference.logits(seq)[seq.length - 1];
            double max = java.util.Arrays.stream(last).max().orElseThrow();
            double norm = max + Math.log(java.util.Arrays.stream(last).map(l -> Math.exp(l - max)).sum());
            sum += last[token] - norm;
            seq = TransformerTest.concat(seq, new int[] {token});
        }
        assertEquals(sum / r.tokens().length, r.meanLogProb(), 1e-4);
        assertTrue(r.meanLogProb() < 0, "a random model is never certain");
    }

    @Test
    void requestsJoiningARunningBatchGetTheSameTokensAsAlone() throws Exception {
        List<int[]> prompts = List.of(new int[] {1, 9, 10}, new int[] {1, 11, 12, 13, 14}, new int[] {1, 20},
                new int[] {1, 30, 31, 32}, new int[] {1, 40, 41});
        List<GenerationResult> alone = new ArrayList<>();
        for (int[] p : prompts) {
            alone.add(generator.generate(request(p, SamplingOptions.sampled(0.8, 5), 12, List.of(), null)));
        }
        CountDownLatch firstTokens = new CountDownLatch(1);
        List<Generator.Generation> together = new ArrayList<>();
        together.add(generator.submit(request(prompts.get(0), SamplingOptions.sampled(0.8, 5), 12, List.of(),
                (t, s) -> firstTokens.countDown())));
        assertTrue(firstTokens.await(10, TimeUnit.SECONDS));
        for (int i = 1; i < prompts.size(); i++) {
            together.add(generator.submit(request(prompts.get(i), SamplingOptions.sampled(0.8, 5), 12, List.of(), null)));
        }
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(alone.get(i).tokens(), together.get(i).result().get(10, TimeUnit.SECONDS).tokens(),
                    "request " + i);
        }
    }

    @Test
    void theSameSeedSamplesTheSameAnswerAndAnotherSeedAnother() {
        SamplingOptions a = new SamplingOptions(1.5, 40, 0.95, 1.1, 1234);
        SamplingOptions b = new SamplingOptions(1.5, 40, 0.95, 1.1, 99);
        int[] first = generator.generate(request(PROMPT, a, 20, List.of(), null)).tokens();
        int[] again = generator.generate(request(PROMPT, a, 20, List.of(), null)).tokens();
        int[] other = generator.generate(request(PROMPT, b, 20, List.of(), null)).tokens();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void topKOfOneIsGreedy() {
        int[] greedy = generator.generate(GenerationRequest.greedy(PROMPT, 8)).tokens();
        int[] topOne = generator.generate(request(PROMPT, new SamplingOptions(2.0, 1, 1, 1, 3), 8, List.of(), null)).tokens();
        assertArrayEquals(greedy, topOne);
    }

    @Test
    void aStopTokenEndsTheAnswer() {
        int[] free = generator.generate(GenerationRequest.greedy(PROMPT, 8)).tokens();
        GenerationResult r = generator.generate(new GenerationRequest(PROMPT, SamplingOptions.greedy(), 8,
                Set.of(free[2]), List.of(), null));
        assertEquals(FinishReason.STOP_TOKEN, r.reason());
        assertArrayEquals(java.util.Arrays.copyOf(free, 3), r.tokens());
    }

    @Test
    void aStopStringCutsTheTextAndEndsTheAnswer() {
        GenerationResult free = generator.generate(request(PROMPT, SamplingOptions.sampled(1.0, 8), 10, List.of(), null));
        String[] words = free.text().split(" ");
        GenerationResult r = generator.generate(request(PROMPT, SamplingOptions.sampled(1.0, 8), 10,
                List.of(words[1]), null));
        assertEquals(FinishReason.STOP_STRING, r.reason());
        assertEquals(free.text().substring(0, free.text().indexOf(words[1])), r.text());
    }

    @Test
    void maxNewTokensBoundsTheAnswerAndTokensStreamInOrder() {
        List<Integer> streamed = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        GenerationResult r = generator.generate(request(PROMPT, SamplingOptions.sampled(1.0, 4), 7, List.of(),
                (t, s) -> {
                    streamed.add(t);
                    text.append(s);
                }));
        assertEquals(FinishReason.MAX_TOKENS, r.reason());
        assertEquals(7, r.tokens().length);
        assertArrayEquals(r.tokens(), streamed.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(r.text(), text.toString());
    }

    @Test
    void theMaxContextEndsAnAnswerThatWouldOverflowIt() throws Exception {
        // Without a tokenizer and with no EOS id in the config, only the context can end this answer.
        Files.writeString(dir.resolve("config.json"), TinyModel.llamaConfig(false).without("eos_token_id").toString());
        try (LanguageModel raw = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer().withMaxContext(48));
             Generator g = new Generator(raw, new AdapterHandle(raw), GeneratorOptions.defaults())) {
            GenerationResult r = g.generate(request(PROMPT, SamplingOptions.sampled(1.0, 4), 200, List.of(), null));
            assertEquals(FinishReason.CONTEXT_FULL, r.reason());
            assertEquals(48 - PROMPT.length + 1, r.tokens().length);
            assertEquals("", r.text());
        }
    }

    @Test
    void aPromptThatFillsTheMaxContextIsRejected() {
        int[] longPrompt = new int[48];
        java.util.Arrays.fill(longPrompt, 7);
        var e = assertThrows(IllegalArgumentException.class, () -> generator.submit(GenerationRequest.greedy(longPrompt, 1)));
        assertTrue(e.getMessage().contains("48"), e.getMessage());
    }

    @Test
    void aCancelledRequestEndsEarlyWithWhatItHad() throws Exception {
        // Without a tokenizer no EOS id applies; the listener holds the third token until cancel() was called.
        try (LanguageModel raw = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer());
             Generator g = new Generator(raw, new AdapterHandle(raw), GeneratorOptions.defaults())) {
            CountDownLatch cancelled = new CountDownLatch(1);
            CountDownLatch third = new CountDownLatch(3);
            Generator.Generation run = g.submit(request(PROMPT, SamplingOptions.sampled(1.0, 4), 40, List.of(),
                    (t, s) -> {
                        third.countDown();
                        if (third.getCount() == 0) {
                            awaitQuietly(cancelled);
                        }
                    }));
            assertTrue(third.await(10, TimeUnit.SECONDS));
            run.cancel();
            cancelled.countDown();
            GenerationResult r = run.result().get(10, TimeUnit.SECONDS);
            assertEquals(FinishReason.CANCELLED, r.reason());
            assertEquals(3, r.tokens().length);
        }
    }

    @Test
    void closingTheGeneratorEndsRunningAndQueuedRequestsAsCancelled() throws Exception {
        LanguageModel raw = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer());
        Generator g = new Generator(raw, new AdapterHandle(raw), new GeneratorOptions(1, 4, 64));
        TokenListener slow = (t, s) -> awaitQuietly(new CountDownLatch(1), 20);
        Generator.Generation running = g.submit(request(PROMPT, SamplingOptions.greedy(), 40, List.of(), slow));
        Generator.Generation queued = g.submit(request(PROMPT, SamplingOptions.greedy(), 40, List.of(), slow));
        g.close();
        assertEquals(FinishReason.CANCELLED, running.result().get(10, TimeUnit.SECONDS).reason());
        assertEquals(FinishReason.CANCELLED, queued.result().get(10, TimeUnit.SECONDS).reason());
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> g.submit(GenerationRequest.greedy(PROMPT, 1)));
        raw.close();
    }

    @Test
    void aSwapMidFlightLeavesRunningRequestsOnTheirAdapterAndGivesNewOnesTheNewOne() throws Exception {
        LoraAdapter v1 = lora(1);
        LoraAdapter v2 = lora(2);
        adapters.install("v1", v1);
        int[] onV1 = generator.generate(GenerationRequest.greedy(PROMPT, 10)).tokens();
        CountDownLatch swapped = new CountDownLatch(1);
        Generator.Generation running = generator.submit(request(PROMPT, SamplingOptions.greedy(), 10, List.of(),
                (t, s) -> awaitQuietly(swapped)));
        adapters.install("v2", v2);
        Generator.Generation fresh = generator.submit(GenerationRequest.greedy(PROMPT, 10));
        swapped.countDown();
        GenerationResult old = running.result().get(10, TimeUnit.SECONDS);
        GenerationResult young = fresh.result().get(10, TimeUnit.SECONDS);
        assertEquals(Optional.of("v1"), old.adapterVersion());
        assertArrayEquals(onV1, old.tokens());
        assertEquals(Optional.of("v2"), young.adapterVersion());
        int[] expectedV2 = referenceGreedy(PROMPT, young.tokens().length, v2);
        assertArrayEquals(expectedV2, young.tokens());
    }

    @Test
    void reinstallingUnderAnUsedVersionIsRejectedAndKeepsTheCurrentAdapter() {
        adapters.install("2026-11-25-a", lora(1));
        var e = assertThrows(IllegalArgumentException.class, () -> adapters.install("2026-11-25-a", lora(2)));
        assertTrue(e.getMessage().contains("2026-11-25-a"), e.getMessage());
        assertEquals(Optional.of("2026-11-25-a"), adapters.version());
        adapters.clear();
        assertThrows(IllegalArgumentException.class, () -> adapters.install("2026-11-25-a", lora(1)));
    }

    @Test
    void aRollbackReinstatesAnEarlierVersionWithItsWeights() {
        LoraAdapter v1 = lora(1);
        adapters.install("v1", v1);
        adapters.install("v2", lora(2));
        adapters.reinstate("v1", v1);
        GenerationResult r = generator.generate(GenerationRequest.greedy(PROMPT, 6));
        assertEquals(Optional.of("v1"), r.adapterVersion());
        assertArrayEquals(referenceGreedy(PROMPT, r.tokens().length, v1), r.tokens());
        assertThrows(IllegalArgumentException.class, () -> adapters.reinstate("never-installed", v1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, 10_000);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
