package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits passages into quotable units and ranks them against the email by lexical overlap (IDF-weighted shared
 * content words, best over the email's sentences, so each question of a multi-question email can lift its own
 * answer), plus the passage's vector similarity. Ranking is deterministic: the same input always gives the same
 * labels, which is what lets a training target written against the labels match the prompt at serving time.
 */
final class SourceSentences {

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+•]|\\d{1,3}[.)])\\s+(.+)$");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"”’)]?\\s+(?=[\\p{Lu}\\p{N}\"“(])");
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "approx.", "no.", "vs.", "mr.", "mrs.", "dr.");

    private SourceSentences() {
    }

    /** The units of every passage, ranked best first and labelled 1..n. */
    static List<SourceSentence> ranked(DraftInput input) {
        record Unit(int passage, int position, String marker, String text, Set<String> words) {
        }
        List<Unit> units = new ArrayList<>();
        List<Passage> passages = input.passages();
        for (int p = 0; p < passages.size(); p++) {
            int position = 0;
            for (String[] piece : split(passages.get(p).text())) {
                Set<String> words = WordOverlap.words(piece[1]);
                if (!words.isEmpty() && units.stream().noneMatch(u -> u.text().equals(piece[1]))) {
                    units.add(new Unit(p, position++, piece[0], piece[1], words));
                }
            }
        }
        Map<String, Integer> df = new HashMap<>();
        for (Unit u : units) {
            u.words().forEach(w -> df.merge(w, 1, Integer::sum));
        }
        double avgLength = units.stream().mapToInt(u -> u.words().size()).average().orElse(1);
        List<Set<String>> questions = new ArrayList<>();
        CustomerMessage email = input.email();
        questions.add(WordOverlap.words(email.subject()));
        for (String segment : WordOverlap.segments(email.text())) {
            questions.add(WordOverlap.words(segment));
        }
        Set<String> all = WordOverlap.words(email.subject() + "\n" + email.text());
        Set<Cue> asked = Cue.asked(email.subject() + "\n" + email.text());
        double[] articleSimilarity = articleSimilarity(passages);
        int n = units.size();
        double[] score = new double[n];
        SentenceFeatures[] features = new SentenceFeatures[n];
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            double best = 0;
            int question = -1;
            for (int q = 0; q < questions.size(); q++) {
                double o = overlap(questions.get(q), u.words(), df, n);
                if (o > best) {
                    best = o;
                    question = q;
                }
            }
            double whole = overlap(all, u.words(), df, n);
            double norm = 0.75 + 0.25 * u.words().size() / avgLength;
            int cues = 0;
            for (Cue cue : asked) {
                cues += cue.answeredBy(u.text()) ? 1 : 0;
            }
            long shared = u.words().stream().filter(all::contains).count();
            features[i] = SentenceFeatures.builder().bestOverlap(best, question).wholeOverlap(whole, norm)
                    .retrieval(Math.max(0, articleSimilarity[u.passage()]), passages.get(u.passage()).similarityOrZero(), u.passage())
                    .answer(Cue.isInstruction(u.text()), cues).placement(u.position(), !u.marker().isEmpty(), u.text().length())
                    .precision((double) shared / u.words().size()).build();
            score[i] = SentenceRanker.score(features[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));
        List<SourceSentence> out = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            Unit u = units.get(order.get(rank));
            out.add(new SourceSentence(rank + 1, u.passage(), u.position(), u.marker(), u.text(), score[order.get(rank)],
                    features[order.get(rank)]));
        }
        return out;
    }

    /** Each passage's article similarity: the best vector similarity of any passage of the same article. */
    static double[] articleSimilarity(List<Passage> passages) {
        double[] out = new double[passages.size()];
        for (int i = 0; i < out.length; i++) {
            String article = passages.get(i).articleId();
            out[i] = passages.stream().filter(p -> p.articleId().equals(article)).mapToDouble(Passage::similarityOrZero)
                    .max().orElse(0);
        }
        return out;
    }

    private static double overlap(Set<String> query, Set<String> unit, Map<String, Integer> df, int n) {
        double sum = 0;
        for (String w : query) {
            if (unit.contains(w)) {
                sum += Math.log(1 + (double) n / df.get(w));
            }
        }
        return sum;
    }

    /** The pieces of a passage as {marker, text}: list items and table rows whole, paragraphs by sentence. */
    static List<String[]> split(String passageText) {
        List<String[]> out = new ArrayList<>();
        for (String raw : passageText.replace("\r\n", "\n").split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher item = LIST_ITEM.matcher(line);
            if (item.matches()) {
                out.add(new String[]{item.group(1), item.group(2).strip()});
            } else if (line.startsWith("|")) {
                out.add(new String[]{"", line});
            } else {
                for (String sentence : sentences(line)) {
                    out.add(new String[]{"", sentence});
                }
            }
        }
        return out;
    }

    private static List<String> sentences(String paragraph) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(paragraph);
        int start = 0;
        while (m.find()) {
            String before = paragraph.substring(start, m.start()).strip();
            String lastWord = before.substring(before.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT);
            if (ABBREVIATIONS.contains(lastWord)) {
                continue;
            }
            out.add(paragraph.substring(start, m.end()).strip());
            start = m.end();
        }
        String rest = paragraph.substring(start).strip();
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }
}
