package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a grounded reply does, decided from retrieval and the ranking, with the model's choices inside it: hand off
 * when no retrieved article is at least a fair match ({@link MatchStrength#FAIR}; calibrated on the development set
 * and generated companies of the training seed, docs/training.md "Hand-off and the answer plan"), otherwise quote the
 * sentences the prompt lists of the first retrieved passage and the best-ranked one of each other passage of its
 * article (when it is such a match), the best-ranked sentences of fairly matching articles and the model's own quotes from such articles, in reading order. Only listed
 * sentences are quoted, so everything a draft holds was in its prompt.
 *
 * @param handOff whether a person takes the email over
 * @param quotes  the source sentences the reply quotes (empty for a hand-off)
 */
record AnswerPlan(boolean handOff, List<SourceSentence> quotes) {

    /** Best-ranked sentences quoted besides the first passage and the model's quotes. */
    static final int TOP_SENTENCES = 3;

    /** The most sentences of the first passage quoted (a long section is cut after its opening ones). */
    static final int FIRST_PASSAGE_SENTENCES = 8;

    AnswerPlan {
        quotes = List.copyOf(quotes);
    }

    /**
     * The sentences of the first passage's article a reply quotes from {@code ranked} (best first): the first
     * passage's opening ones ({@value #FIRST_PASSAGE_SENTENCES} at most, in reading order), then the best-ranked one
     * of each other passage of the same article (retrieval puts the article's other sections after its best one:
     * the answer is often in a section other than the one that matched best).
     */
    static List<SourceSentence> firstArticle(DraftInput input, List<SourceSentence> ranked) {
        List<SourceSentence> out = new ArrayList<>();
        if (input.passages().isEmpty()) {
            return out;
        }
        ranked.stream().filter(s -> s.passage() == 0).sorted(Comparator.comparingInt(SourceSentence::position))
                .limit(FIRST_PASSAGE_SENTENCES).forEach(out::add);
        String article = input.passages().getFirst().articleId();
        Set<Integer> sections = new HashSet<>(Set.of(0));
        for (SourceSentence s : ranked) {
            if (input.passages().get(s.passage()).articleId().equals(article) && sections.add(s.passage())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The plan for {@code input}, given the ranked sources its prompt listed and the labels the model quoted; empty
     * when a passage's similarity is not known (then nothing here can judge the match, and the model's plan stands).
     */
    static Optional<AnswerPlan> of(DraftInput input, List<SourceSentence> candidates, Set<Integer> modelQuotes) {
        if (!input.passages().stream().allMatch(Passage::similarityKnown)) {
            return Optional.empty();
        }
        double[] similarity = SourceSentences.articleSimilarity(input.passages());
        double best = 0;
        for (double s : similarity) {
            best = Math.max(best, s);
        }
        if (input.passages().isEmpty() || best < MatchStrength.FAIR.threshold()) {
            return Optional.of(new AnswerPlan(true, List.of()));
        }
        List<SourceSentence> out = new ArrayList<>();
        if (similarity[0] >= MatchStrength.FAIR.threshold()) {
            out.addAll(firstArticle(input, candidates));
        }
        candidates.stream().filter(s -> similarity[s.passage()] >= MatchStrength.FAIR.threshold())
                .limit(TOP_SENTENCES).filter(s -> !out.contains(s)).forEach(out::add);
        candidates.stream().filter(s -> modelQuotes.contains(s.label()) && similarity[s.passage()] >= MatchStrength.FAIR.threshold())
                .filter(s -> !out.contains(s)).forEach(out::add);
        return Optional.of(new AnswerPlan(out.isEmpty(), out));
    }
}
