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

    /** A builder: thirteen numbers are too many to pass in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the features by name; unset ones are 0, and {@code question} is -1 (no email sentence). */
    public static final class Builder {
        private double bestOverlap;
        private double wholeOverlap;
        private double lengthNorm;
        private double articleSimilarity;
        private int passageRank;
        private double instruction;
        private double cues;
        private int position;
        private double listItem;
        private double precision;
        private double passageSimilarity;
        private int characters;
        private int question = -1;

        private Builder() {
        }

        /** The best overlap with one email sentence, and which sentence that is (-1: none). */
        public Builder bestOverlap(double overlap, int question) {
            this.bestOverlap = overlap;
            this.question = question;
            return this;
        }

        /** The overlap with the whole email, and the length normalisation. */
        public Builder wholeOverlap(double overlap, double lengthNorm) {
            this.wholeOverlap = overlap;
            this.lengthNorm = lengthNorm;
            return this;
        }

        /** Retrieval's view: the article's and the passage's similarity, and the passage's rank. */
        public Builder retrieval(double articleSimilarity, double passageSimilarity, int passageRank) {
            this.articleSimilarity = articleSimilarity;
            this.passageSimilarity = passageSimilarity;
            this.passageRank = passageRank;
            return this;
        }

        /** Whether it reads as an instruction, and how many asked-for kinds of answer it gives. */
        public Builder answer(boolean instruction, int cues) {
            this.instruction = instruction ? 1 : 0;
            this.cues = cues;
            return this;
        }

        /** Its place in its passage, whether it is a list item, and its length. */
        public Builder placement(int position, boolean listItem, int characters) {
            this.position = position;
            this.listItem = listItem ? 1 : 0;
            this.characters = characters;
            return this;
        }

        /** The share of its content words the email uses. */
        public Builder precision(double precision) {
            this.precision = precision;
            return this;
        }

        /** The features. */
        public SentenceFeatures build() {
            return new SentenceFeatures(bestOverlap, wholeOverlap, lengthNorm, articleSimilarity, passageRank, instruction,
                    cues, position, listItem, precision, passageSimilarity, characters, question);
        }
    }
}
