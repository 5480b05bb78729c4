package io.mailtune.retrieval.index;

/** Names of the Lucene fields of a chunk document; one document per chunk. */
public final class IndexFields {

    /** Article key: source type, origin and id; every chunk of the article carries it. */
    public static final String KEY = "key";
    /** The article id cited to reviewers. */
    public static final String ARTICLE_ID = "article_id";
    /** The chunk id cited to reviewers. */
    public static final String CHUNK_ID = "chunk_id";
    /** Source name; deletions and incremental sync are per origin. */
    public static final String ORIGIN = "origin";
    /** File path relative to the origin, or the reply id. */
    public static final String PATH = "path";
    /** Source type, as {@link io.mailtune.retrieval.source.SourceType#indexValue()}. */
    public static final String TYPE = "type";
    /** Product, lowercased; absent when the article names none. */
    public static final String PRODUCT = "product";
    /** ISO 639-1 language code. */
    public static final String LANGUAGE = "language";
    /** Article title, analysed. */
    public static final String TITLE = "title";
    /** Heading the chunk sits under, analysed. */
    public static final String HEADING = "heading";
    /** Heading anchor, stored only. */
    public static final String ANCHOR = "anchor";
    /** Article URL, stored only. */
    public static final String URL = "url";
    /** Article's updated-at as epoch milliseconds, stored only. */
    public static final String UPDATED_AT = "updated_at";
    /** The article's key instruction for the drafting model, stored only. */
    public static final String KEY_INSTRUCTION = "key_instruction";
    /** The article's {@link io.mailtune.retrieval.source.Visibility}, indexed and stored. */
    public static final String VISIBILITY = "visibility";
    /** Chunk text, analysed with offsets so highlights come straight from the postings. */
    public static final String BODY = "body";
    /** Chunk position within the article. */
    public static final String ORDINAL = "ordinal";
    /** Content hash of the article, on its first chunk only. */
    public static final String HASH = "hash";
    /** Marks the first chunk of each article ({@code "1"}), where article-level facts live. */
    public static final String HEAD = "head";
    /** Sentence-encoder vector of the chunk (HNSW). */
    public static final String VECTOR = "vector";

    private IndexFields() {
    }
}
