/**
 * The knowledge-base API the agent calls. Open a {@link io.mailtune.retrieval.search.KnowledgeBase} on a directory
 * with a {@link io.mailtune.retrieval.encode.SentenceEncoder} (one per process), keep it in line with the article
 * folders with {@code indexFolder}, add approved replies with {@code indexReply}, and ask it
 * {@code search(query, filters, k)}: each {@link io.mailtune.retrieval.search.SearchHit} carries a
 * {@link io.mailtune.core.reply.Citation} (article id, chunk id, title, URL with heading anchor), the passage, a
 * highlight showing the matched words, and the BM25, vector and fused scores that put it there.
 */
package io.mailtune.retrieval.search;
