/** The sentence-encoder interface; implementations live in sub-packages (all-MiniLM-L6-v2 in {@code minilm}). */
package io.mailtune.retrieval.encode;
