package io.mailtune.retrieval.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a unit-length vector whose dot product with another measures how alike in meaning they are.
 * Implementations must be thread-safe: queries and indexing encode concurrently.
 */
public interface SentenceEncoder {

    /** A name that changes whenever the vectors would (model and version); stored with the index. */
    String name();

    /** Length of every vector this encoder returns. */
    int dimensions();

    /** Encodes one text; the result has {@link #dimensions()} entries and length 1. */
    float[] encode(String text);

    /** Encodes many texts; implementations batch or parallelise where they can. */
    default List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(encode(text));
        }
        return out;
    }

    /** Scales a vector to length 1 in place (a zero vector stays zero) and returns it. */
    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum > 0) {
            float scale = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}
