/** Splitting articles into overlapping passages that respect headings and lists. */
package io.mailtune.retrieval.chunk;
