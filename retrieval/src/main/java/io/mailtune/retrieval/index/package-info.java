/** The on-disk Lucene index: document layout, analysis, near-real-time searchers, commits and corruption checks. */
package io.mailtune.retrieval.index;
