package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.runtime.vector.VectorCache;
import io.mailtune.model.runtime.vector.VectorAdapter;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.Workers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 (Q8_0) decode format keeps the bundled model's quality: over held-out support emails (hand-written, not
 * in its training data), teacher-forced, its greedy token agrees with float32's on >= 95 % of steps and its
 * perplexity rises by <= 1 %.
 */
class CompactFormatQualityTest {

    @TempDir
    Path cache;

    @Test
    void int8GreedyTokensAgreeWithFloat32AndPerplexityRisesAtMostOnePercentOnAHoldout() throws IOException {
        Path dir = BundledModel.extractTo(cache);
        List<int[]> texts = new ArrayList<>();
        try (LanguageModel f32 = LanguageModel.load(dir, LoadOptions.defaults().withDecodeFormat(DecodeFormat.VECTOR_F32))) {
            for (String line : holdout()) {
                texts.add(f32.tokenizer().orElseThrow().encode(line));
            }
            Scores base = score(f32.decoder(), texts, null);
            try (LanguageModel q8 = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer()
                    .withDecodeFormat(DecodeFormat.VECTOR_Q8))) {
                Scores compact = score(q8.decoder(), texts, base);
                double agreement = (double) compact.agreed / compact.steps;
                double rise = Math.exp((compact.nll - base.nll) / base.steps) - 1;
                System.out.printf("holdout: %d steps, agreement %.4f, perplexity f32 %.3f, rise %.5f%n", base.steps,
                        agreement, Math.exp(base.nll / base.steps), rise);
                assertTrue(base.steps >= 400, "holdout of " + base.steps + " steps");
                assertTrue(agreement >= 0.95, "greedy agreement " + agreement);
                assertTrue(rise <= 0.01, "perplexity rise " + rise + " (f32 " + Math.exp(base.nll / base.steps) + ")");
            }
        }
    }

    private static final class Scores {
        final List<Integer> greedy = new ArrayList<>();
        double nll;
        int steps;
        int agreed;
    }

    // Feeds every text token by token; at each step the argmax and the next token's negative log-likelihood.
    private static Scores score(VectorDecoder decoder, List<int[]> texts, Scores reference) {
        Scores s = new Scores();
        try (Workers workers = new Workers(2)) {
            for (int[] tokens : texts) {
                VectorCache c = decoder.newCache(tokens.length);
                for (int t = 0; t + 1 < tokens.length; t++) {
                    float[] logits = decoder.step(new int[] {tokens[t]}, new VectorCache[] {c},
                            new VectorAdapter[] {null}, workers)[0];
                    int best = 0;
                    for (int v = 1; v < logits.length; v++) {
                        best = logits[v] > logits[best] ? v : best;
                    }
                    if (reference != null && reference.greedy.get(s.steps) == best) {
                        s.agreed++;
                    }
                    s.greedy.add(best);
                    s.nll += Sampler.logSumExp(logits) - logits[tokens[t + 1]];
                    s.steps++;
                }
            }
        }
        return s;
    }

    private static List<String> holdout() throws IOException {
        try (InputStream in = CompactFormatQualityTest.class.getResourceAsStream("holdout.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
