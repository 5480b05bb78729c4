/** Retrieval quality on labelled queries: recall@1, recall@5, MRR@10 and nDCG@10 for BM25, vectors and hybrid. */
package io.mailtune.retrieval.eval;
