package io.mailtune.retrieval.index;

/**
 * What the index remembers about an article, enough to decide whether it changed or disappeared.
 *
 * @param key         the article key
 * @param id          the article id
 * @param path        the file path relative to its origin
 * @param contentHash the content hash it was indexed with
 */
public record IndexedArticle(String key, String id, String path, String contentHash) {
}
