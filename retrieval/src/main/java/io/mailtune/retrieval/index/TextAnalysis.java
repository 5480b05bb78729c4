package io.mailtune.retrieval.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

import java.util.Locale;

/**
 * Chooses the Lucene analyser for BM25 text by name. {@code english} (the default) is Lucene's English analyser
 * (possessives, Porter stemming) with {@link SupportStopWords}; {@code english-lucene} keeps Lucene's own stop list.
 */
public final class TextAnalysis {

    /** The analyser names this class accepts. */
    public static final String NAMES = "english, english-lucene, standard, german, french, spanish, dutch";

    private TextAnalysis() {
    }

    /** A new analyser for the name; unknown names are rejected with the list of known ones. */
    public static Analyzer analyzer(String name) {
        if (name == null) {
            throw new IllegalArgumentException("analyzer name must not be null; one of " + NAMES);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "english", "en" -> new EnglishAnalyzer(SupportStopWords.ENGLISH);
            case "english-lucene" -> new EnglishAnalyzer();
            case "standard" -> new StandardAnalyzer();
            case "german", "de" -> new GermanAnalyzer();
            case "french", "fr" -> new FrenchAnalyzer();
            case "spanish", "es" -> new SpanishAnalyzer();
            case "dutch", "nl" -> new DutchAnalyzer();
            default -> throw new IllegalArgumentException("unknown analyzer '" + name + "'; one of " + NAMES);
        };
    }
}
