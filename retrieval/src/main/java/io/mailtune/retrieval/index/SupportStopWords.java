package io.mailtune.retrieval.index;

import org.apache.lucene.analysis.CharArraySet;

import java.util.List;

/**
 * Stop words for customers' English: Lucene's English list only drops articles and a few prepositions, but support
 * questions are full of pronouns, auxiliaries and chat ("how do i", "can you", "im", "dont") that match every
 * passage written in the second person and push the words that carry the problem down the BM25 ranking.
 */
final class SupportStopWords {

    /** The set, lowercase, with and without apostrophes because customers type both. */
    static final CharArraySet ENGLISH = new CharArraySet(List.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with",
            "i", "me", "my", "myself", "we", "our", "ours", "us", "you", "your", "yours", "he", "him", "his", "she", "her",
            "its", "them", "what", "which", "who", "whom", "those", "am", "were", "been", "being", "have", "has", "had",
            "having", "do", "does", "did", "doing", "because", "so", "than", "too", "very", "can", "could", "would",
            "should", "shall", "may", "might", "must", "just", "how", "when", "where", "why", "here", "about", "from",
            "up", "any", "some", "all", "also", "please", "pls", "hi", "hello", "hey", "thanks", "thank", "ok", "okay",
            "im", "i'm", "ive", "i've", "id", "i'd", "ill", "i'll", "dont", "don't", "doesnt", "doesn't", "didnt",
            "didn't", "cant", "can't", "cannot", "wont", "won't", "isnt", "isn't", "wasnt", "wasn't", "its", "it's",
            "theres", "there's", "youre", "you're", "whats", "what's", "hasnt", "hasn't", "havent", "haven't"), false);

    private SupportStopWords() {
    }
}
