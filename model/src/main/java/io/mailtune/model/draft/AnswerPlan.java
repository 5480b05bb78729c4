package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a grounded reply does, decided from retrieval and the ranking, with the model's choices inside it: hand off
 * when no retrieved article is at least a fair match ({@link MatchStrength#FAIR}; calibrated on the development set
 * and generated companies of the training seed, docs/training.md "Hand-off threshold"), otherwise quote the first
 * retrieved passage's opening sentences and the best-ranked sentence of each other section of its article that shares
 * words with the email or is itself a strong match (when the article is a fair match), for each sentence of the email
 * the source sentence that shares most with it (from an article at least a weak match), the best-ranked sentence of
 * each other article at least a weak match, the best-ranked sentences of fairly matching articles that share a word
 * with the email, the model's own quotes from such articles, and the earlier steps of any numbered step quoted. Only
 * listed sentences are quoted, so everything a draft holds was in its prompt.
 *
 * @param handOff whether a person takes the email over
 * @param quotes  the source sentences the reply quotes (empty for a hand-off)
 */
record AnswerPlan(boolean handOff, List<SourceSentence> quotes) {

    /** Best-ranked sentences sharing a word with the email quoted besides the first passage and the model's quotes. */
    static final int TOP_SENTENCES = 3;

    /** The most sentences of the first passage quoted (a long section is cut after its opening ones). */
    static final int FIRST_PASSAGE_SENTENCES = 8;

    /**
     * The IDF overlap with an email sentence a section's best-ranked sentence needs to be quoted: without it an FAQ
     * article's every section adds its best sentence whether or not the email asks about it.
     */
    static final double SECTION_OVERLAP = 2.0;

    /** The IDF overlap with one email sentence that makes a source sentence that sentence's answer. */
    static final double QUESTION_OVERLAP = 3.0;

    AnswerPlan {
        quotes = List.copyOf(quotes);
    }

    /**
     * The sentences of the first passage's article a reply quotes from {@code ranked} (best first): the first
     * passage's opening ones ({@value #FIRST_PASSAGE_SENTENCES} at most, in reading order), then the best-ranked one
     * of each other passage of the same article (retrieval puts the article's other sections after its best one:
     * the answer is often in a section other than the one that matched best) when it shares words with the email or
     * the section itself is a strong match ("Got a message that my account is locked" shares no word with "Wait 30
     * minutes for the lock to lift", but that section's vector similarity says it is about the email).
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
            if (input.passages().get(s.passage()).articleId().equals(article) && sections.add(s.passage())
                    && (s.features().bestOverlap() >= SECTION_OVERLAP || strong(input.passages().get(s.passage())))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether a passage on its own is a {@link MatchStrength#STRONG} match for the email. */
    private static boolean strong(Passage p) {
        return p.similarityOrZero() >= MatchStrength.STRONG.threshold();
    }

    /**
     * For each sentence of the email, the source sentence sharing most with it (at least {@value #QUESTION_OVERLAP}),
     * from an article at least a {@link MatchStrength#WEAK} match: a multi-question email's second question is often
     * answered by another article than its first.
     */
    static List<SourceSentence> answersPerQuestion(DraftInput input, List<SourceSentence> ranked) {
        double[] similarity = SourceSentences.articleSimilarity(input.passages());
        Map<Integer, SourceSentence> best = new TreeMap<>();
        for (SourceSentence s : ranked) {
            SentenceFeatures f = s.features();
            if (f.question() >= 0 && f.bestOverlap() >= QUESTION_OVERLAP
                    && similarity[s.passage()] >= MatchStrength.WEAK.threshold()) {
                best.merge(f.question(), s, (had, next) ->
                        next.features().bestOverlap() > had.features().bestOverlap() ? next : had);
            }
        }
        return new ArrayList<>(best.values());
    }

    /**
     * The best-ranked sentence of each article at least a {@link MatchStrength#WEAK} match other than the first
     * passage's: a second question's article (retrieval brings it whole) often answers in words the email does not
     * use, so no overlap picks it.
     */
    static List<SourceSentence> otherArticlesBest(DraftInput input, List<SourceSentence> ranked) {
        double[] similarity = SourceSentences.articleSimilarity(input.passages());
        Set<String> articles = new HashSet<>(Set.of(input.passages().getFirst().articleId()));
        List<SourceSentence> out = new ArrayList<>();
        for (SourceSentence s : ranked) {
            if (similarity[s.passage()] >= MatchStrength.WEAK.threshold()
                    && articles.add(input.passages().get(s.passage()).articleId())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * What a prompt for {@code input} must list so that the plan can quote it: the plan's quotes from the whole
     * ranking, or the first article's sentences when there is no plan (the model's plan then stands).
     */
    static List<SourceSentence> listed(DraftInput input, List<SourceSentence> ranked) {
        return of(input, ranked, Set.of()).filter(p -> !p.handOff()).map(AnswerPlan::quotes)
                .orElseGet(() -> firstArticle(input, ranked));
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
        answersPerQuestion(input, candidates).stream().filter(s -> !out.contains(s)).forEach(out::add);
        otherArticlesBest(input, candidates).stream().filter(s -> !out.contains(s)).forEach(out::add);
        candidates.stream().filter(s -> similarity[s.passage()] >= MatchStrength.FAIR.threshold()
                        && s.features().question() >= 0).limit(TOP_SENTENCES).filter(s -> !out.contains(s)).forEach(out::add);
        candidates.stream().filter(s -> modelQuotes.contains(s.label()) && similarity[s.passage()] >= MatchStrength.FAIR.threshold())
                .filter(s -> !out.contains(s)).forEach(out::add);
        return Optional.of(new AnswerPlan(out.isEmpty(), NumberedSteps.withEarlierSteps(out, candidates)));
    }
}
