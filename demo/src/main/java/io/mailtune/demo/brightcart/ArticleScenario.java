package io.mailtune.demo.brightcart;

import java.util.List;

/**
 * How customers ask about one article, and what a good reply says beyond the key instruction.
 *
 * @param articleId the article this scenario belongs to
 * @param topic     a noun phrase for the issue, used in replies ("Thanks for getting in touch about {topic}.")
 * @param subjects  subject lines a customer might write
 * @param asks      customer questions, possibly with {@link Slots} placeholders such as {@code {order}}
 * @param facts     one or two sentences copied verbatim from the article that a reply adds after the key instruction
 */
public record ArticleScenario(String articleId, String topic, List<String> subjects, List<String> asks, List<String> facts) {

    /** Validates counts so that every scenario gives the generator enough to vary. */
    public ArticleScenario {
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("scenario '" + articleId + "': topic must not be blank");
        }
        subjects = List.copyOf(subjects);
        asks = List.copyOf(asks);
        facts = List.copyOf(facts);
        if (subjects.size() < 2) {
            throw new IllegalArgumentException("scenario '" + articleId + "': needs at least 2 subjects, has " + subjects.size());
        }
        if (asks.size() < 3) {
            throw new IllegalArgumentException("scenario '" + articleId + "': needs at least 3 asks, has " + asks.size());
        }
        if (facts.isEmpty() || facts.size() > 2) {
            throw new IllegalArgumentException("scenario '" + articleId + "': needs 1 or 2 facts, has " + facts.size());
        }
    }
}
