package io.mailtune.demo.brightcart;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference replies, one fixed shape per case kind so that a small model can learn them: an opening that names
 * the topic, the article's key instruction verbatim, its grounding facts, and a closing line.
 */
final class GoldReplies {

    /** Closing line of every answered case. */
    static final String CLOSING = "If anything is still unclear, just reply to this email.";
    /** Closing line of a hand-off. */
    static final String HAND_OFF_CLOSING = "Thank you for your patience.";
    /** The promise a hand-off makes; a reply without it has not handed the case over. */
    static final String HAND_OFF_PROMISE = "This needs a member of our team to look at it personally, so I have passed it"
            + " to a colleague who will follow up with you by email within two business days.";

    private GoldReplies() {
    }

    /** One question, calmly asked. */
    static ReplyContent single(String firstName, HelpArticle article, ArticleScenario scenario) {
        return answered(firstName, "Thanks for getting in touch about " + scenario.topic() + ". " + answer(article, scenario.facts()));
    }

    /** One question from an upset customer: acknowledge first, then the same answer. */
    static ReplyContent angry(String firstName, HelpArticle article, ArticleScenario scenario) {
        return answered(firstName, "I'm sorry for the trouble with " + scenario.topic()
                + ", and I understand how frustrating this is. " + answer(article, scenario.facts()));
    }

    /** A new question in an existing thread. */
    static ReplyContent followUp(String firstName, HelpArticle article, ArticleScenario scenario) {
        return answered(firstName, "Thanks for following up about " + scenario.topic() + ". " + answer(article, scenario.facts()));
    }

    /** Several questions: one opening naming every topic, then one short paragraph per article. */
    static ReplyContent multi(String firstName, List<HelpArticle> articles, List<ArticleScenario> scenarios) {
        List<String> topics = scenarios.stream().map(ArticleScenario::topic).toList();
        String joined = topics.size() == 2 ? topics.get(0) + " and " + topics.get(1)
                : String.join(", ", topics.subList(0, topics.size() - 1)) + " and " + topics.getLast();
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add("Thanks for getting in touch about " + joined + ".");
        for (int i = 0; i < articles.size(); i++) {
            paragraphs.add(answer(articles.get(i), scenarios.get(i).facts().subList(0, 1)));
        }
        paragraphs.add(CLOSING);
        return new ReplyContent(firstName, paragraphs);
    }

    /** A request outside the knowledge base, passed to a colleague. */
    static ReplyContent handOff(String firstName, HandOffScenario scenario) {
        return new ReplyContent(firstName, List.of(
                "Thanks for your message about " + scenario.topic() + ". " + HAND_OFF_PROMISE, HAND_OFF_CLOSING));
    }

    private static ReplyContent answered(String firstName, String paragraph) {
        return new ReplyContent(firstName, List.of(paragraph, CLOSING));
    }

    private static String answer(HelpArticle article, List<String> facts) {
        return article.keyInstruction() + " " + String.join(" ", facts);
    }
}
