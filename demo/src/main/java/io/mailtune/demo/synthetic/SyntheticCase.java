package io.mailtune.demo.synthetic;

import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.demo.brightcart.CaseKind;
import io.mailtune.demo.synthetic.SyntheticArticle.Question;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.GreetingName;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One generated customer email to a synthetic company, with the questions it asks and how a good agent answers.
 *
 * @param caseId    stable id
 * @param company   the company written to
 * @param email     the email
 * @param history   earlier messages of the thread (a follow-up), oldest first
 * @param kind      the shape of the email
 * @param questions what it asks, in order; empty when no article answers it (a hand-off)
 */
public record SyntheticCase(String caseId, SyntheticCompany company, CustomerMessage email, List<ThreadTurn> history,
                            CaseKind kind, List<Asked> questions) {

    /**
     * One question of an email.
     *
     * @param article    the article that answers it
     * @param question   what is asked about the article's task
     * @param withTiming an answer to "how" also says how long it takes
     */
    public record Asked(SyntheticArticle article, Question question, boolean withTiming) {

        /** The sentences of the article a full answer quotes, in order. */
        public List<String> answer() {
            List<String> out = new ArrayList<>();
            out.add(article.keyInstruction());
            if (question != Question.HOW && article.facts().containsKey(question)) {
                out.add(article.facts().get(question));
            }
            if (question == Question.HOW && withTiming && article.facts().containsKey(Question.TIMING)) {
                out.add(article.facts().get(Question.TIMING));
            }
            return out;
        }
    }

    /** Validates the parts. */
    public SyntheticCase {
        history = List.copyOf(history);
        questions = List.copyOf(questions);
        if ((kind == CaseKind.HAND_OFF) != questions.isEmpty()) {
            throw new IllegalArgumentException("case " + caseId + ": a " + kind + " case has " + questions.size() + " questions");
        }
    }

    /** Whether no article answers it. */
    public boolean handOff() {
        return questions.isEmpty();
    }

    /** The key instruction of each question. */
    public List<String> keyInstructions() {
        return questions.stream().map(q -> q.article().keyInstruction()).toList();
    }

    /** The articles that answer it. */
    public List<String> articleIds() {
        return questions.stream().map(q -> q.article().id()).distinct().toList();
    }

    /** The reply a good agent sends knowing the whole knowledge base: the reference reply. */
    public String reference() {
        return reply(sentence -> true);
    }

    /**
     * The reply a good agent sends when it can see only the sentences {@code shown} accepts: a question whose key
     * instruction it cannot see is handed off; facts it cannot see are left out.
     */
    public String reply(Predicate<String> shown) {
        ReplyStyle style = company.style();
        String name = GreetingName.of(email);
        String greeting = name.isEmpty() ? style.greeting().replace(" {name}", "") : style.greeting().replace("{name}", name);
        String handOffText = company.profile().handOffText();
        List<List<String>> answers = new ArrayList<>();
        boolean missing = false;
        for (Asked q : questions) {
            if (!shown.test(q.article().keyInstruction())) {
                missing = true;
                continue;
            }
            answers.add(q.answer().stream().filter(shown).toList());
        }
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(greeting);
        if (answers.isEmpty()) {
            paragraphs.add(style.handOffOpening() + " " + handOffText);
        } else {
            String opening = switch (kind) {
                case ANGRY -> style.acknowledgement();
                case FOLLOW_UP -> style.followOpening();
                default -> style.opening();
            };
            if (answers.size() == 1 && !missing) {
                paragraphs.add(opening + " " + String.join(" ", answers.getFirst()));
            } else {
                paragraphs.add(opening);
                answers.forEach(a -> paragraphs.add(String.join(" ", a)));
                if (missing) {
                    paragraphs.add(handOffText);
                }
            }
            paragraphs.add(style.closing());
        }
        paragraphs.add(company.signOff());
        return String.join("\n\n", paragraphs);
    }
}
