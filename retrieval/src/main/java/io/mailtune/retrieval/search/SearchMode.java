package io.mailtune.retrieval.search;

/** Which retrievers a search runs. */
public enum SearchMode {
    /** Keyword search only: BM25 over analysed title, heading and text. */
    BM25,
    /** Meaning only: nearest neighbours of the query's sentence vector (HNSW). */
    VECTOR,
    /** Both, merged by weighted reciprocal rank fusion. */
    HYBRID
}
