package io.mailtune.retrieval.search;

import io.mailtune.retrieval.chunk.ChunkingPolicy;
import io.mailtune.retrieval.index.TextAnalysis;

/**
 * Settings of a knowledge base. Changing the analyser or chunking changes the pipeline fingerprint, so an index built
 * with other settings is refused at open and must be rebuilt.
 *
 * @param analyzer        BM25 analyser name (see {@link TextAnalysis#NAMES})
 * @param chunking        passage lengths and overlap
 * @param fusion          hybrid fusion weights
 * @param candidates      how many passages each retriever contributes before fusion
 * @param defaultLanguage language of articles that declare none
 * @param maxFileBytes    article files larger than this are rejected unread
 * @param maxTextChars    articles with more text than this are rejected (encoding cost grows with length)
 */
public record RetrievalConfig(
        String analyzer,
        ChunkingPolicy chunking,
        Fusion fusion,
        int candidates,
        String defaultLanguage,
        long maxFileBytes,
        int maxTextChars) {

    /** English analysis, default chunking, {@link Fusion#DEFAULT} over 50 candidates, 16 MiB files, 200,000 characters of text. */
    public static final RetrievalConfig DEFAULT = new RetrievalConfig(
            "english", ChunkingPolicy.DEFAULT, Fusion.DEFAULT, 50, "en", 16L << 20, 200_000);

    /** Validates every setting. */
    public RetrievalConfig {
        TextAnalysis.analyzer(analyzer).close();
        if (chunking == null || fusion == null) {
            throw new IllegalArgumentException("chunking and fusion must not be null");
        }
        if (candidates < 1 || candidates > 1000) {
            throw new IllegalArgumentException("candidates must be between 1 and 1000, was " + candidates);
        }
        if (defaultLanguage == null || defaultLanguage.isBlank()) {
            throw new IllegalArgumentException("defaultLanguage must not be blank");
        }
        if (maxFileBytes <= 0 || maxTextChars <= 0) {
            throw new IllegalArgumentException("maxFileBytes and maxTextChars must be positive");
        }
    }

    /** The same settings with other fusion weights (fusion is query-time only: no re-index needed). */
    public RetrievalConfig withFusion(Fusion value) {
        return new RetrievalConfig(analyzer, chunking, value, candidates, defaultLanguage, maxFileBytes, maxTextChars);
    }

    /** The same settings with other chunking. */
    public RetrievalConfig withChunking(ChunkingPolicy value) {
        return new RetrievalConfig(analyzer, value, fusion, candidates, defaultLanguage, maxFileBytes, maxTextChars);
    }

    /** The same settings with another analyser. */
    public RetrievalConfig withAnalyzer(String value) {
        return new RetrievalConfig(value, chunking, fusion, candidates, defaultLanguage, maxFileBytes, maxTextChars);
    }

    /** The same settings with other article size limits. */
    public RetrievalConfig withLimits(long fileBytes, int textChars) {
        return new RetrievalConfig(analyzer, chunking, fusion, candidates, defaultLanguage, fileBytes, textChars);
    }
}
