package io.mailtune.model.draft;

/**
 * What the ranking of source sentences knows about one quotable unit and the email, each a company-independent
 * signal: lexical overlap (IDF-weighted, best over the email's sentences and over the whole email), the unit's length
 * relative to the others, the retrieval similarity of its article and its passage's rank, whether it reads as an
 * instruction, how many of the kinds of answer the email asks for it gives ({@link Cue}), and its place in its passage.
 *
 * @param bestOverlap       IDF overlap with the email sentence it matches best
 * @param wholeOverlap      IDF overlap with the whole email
 * @param lengthNorm        0.75 + 0.25 × (content words / the average unit's)
 * @param articleSimilarity the best vector similarity of any retrieved passage of its article (≥ 0)
 * @param passageRank       its passage's place in retrieval's order (0 = first)
 * @param instruction       1 when it reads as an instruction (menu path, imperative step), else 0
 * @param cues              how many of the kinds of answer asked for it gives
 * @param position          its place in its passage (0 = first)
 * @param listItem          1 when it is a list item, else 0
 * @param precision         share of its content words that the email uses
 * @param passageSimilarity the vector similarity of its own passage
 * @param characters        its length in characters
 * @param question          the email sentence it overlaps most (0 = the subject, then the body's sentences in order), or
 *                          -1 when it shares no content word with any
 */
public record SentenceFeatures(double bestOverlap, double wholeOverlap, double lengthNorm, double articleSimilarity,
                               int passageRank, double instruction, double cues, int position, double listItem,
                               double precision, double passageSimilarity, int characters, int question) {
}
