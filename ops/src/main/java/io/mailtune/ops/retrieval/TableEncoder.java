package io.mailtune.ops.retrieval;

import io.mailtune.retrieval.encode.SentenceEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves the synthetic corpus's precomputed vectors during a bulk load (encoding 100,000 passages with MiniLM would
 * take ~20 minutes on two cores and measures the encoder, not the index), and the real MiniLM for queries. It reports
 * MiniLM's name, so the index it builds opens with the real encoder afterwards.
 */
final class TableEncoder implements SentenceEncoder {

    private final SentenceEncoder real;
    private final Map<String, float[]> byPassage;

    /** Vectors are looked up by passage text: the embedding text minus its first (title and heading) line. */
    TableEncoder(SentenceEncoder real, Map<String, float[]> byPassage) {
        this.real = real;
        this.byPassage = byPassage;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public int dimensions() {
        return real.dimensions();
    }

    @Override
    public float[] encode(String text) {
        return real.encode(text);
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            String passage = text.substring(text.indexOf('\n') + 1);
            float[] vector = byPassage.get(passage);
            if (vector == null) {
                throw new IllegalStateException("the synthetic corpus has no vector for passage: " + passage);
            }
            out.add(vector);
        }
        return out;
    }
}
