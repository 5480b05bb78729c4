package io.mailtune.retrieval.encode.minilm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.mailtune.retrieval.encode.SentenceEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The all-MiniLM-L6-v2 sentence encoder (384 dimensions, mean pooling), run in-process by ONNX Runtime from the
 * model bundled in LangChain4j's embeddings jar, so it works offline. Loading takes about a second and ~470 MB;
 * create one per process and share it.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    private static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    /** Loads the bundled model. */
    public MiniLmEncoder() {
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2/langchain4j-onnx";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] encode(String text) {
        return checked(model.embed(text).content());
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            out.add(checked(embedding));
        }
        return out;
    }

    private static float[] checked(Embedding embedding) {
        float[] vector = embedding.vector();
        if (vector.length != DIMENSIONS) {
            throw new IllegalStateException("all-MiniLM-L6-v2 returned " + vector.length + " dimensions, expected " + DIMENSIONS);
        }
        return SentenceEncoder.normalise(vector);
    }
}
