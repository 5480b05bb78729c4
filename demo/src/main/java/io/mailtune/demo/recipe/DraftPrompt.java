package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.model.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt the bundled model is trained and evaluated with: a system message with the retrieved help-article
 * excerpts (title, id and the passage holding the article's key instruction), then the customer's email with its
 * sender and ticket number. The agent should draft with the same layout so the model sees what it learnt.
 */
public final class DraftPrompt {

    /** What the system message says when no article matches (a hand-off). */
    public static final String NO_ARTICLE = "No help article matches this email.";

    private static final String INSTRUCTIONS = "You are Brightcart Support. Reply to the customer's email using the"
            + " help articles below.";

    private DraftPrompt() {
    }

    /** The prompt for an email given the articles retrieved for it (empty when none fits). */
    public static List<ChatMessage> messages(String customerName, String customerEmail, int ticketNumber,
                                             String subject, String body, List<HelpArticle> articles) {
        StringBuilder system = new StringBuilder(INSTRUCTIONS).append("\n\n");
        if (articles.isEmpty()) {
            system.append(NO_ARTICLE);
        }
        List<String> parts = new ArrayList<>();
        for (HelpArticle a : articles) {
            parts.add("Article: " + a.title() + " (" + a.id() + ")\n" + excerpt(a));
        }
        system.append(String.join("\n\n", parts));
        String user = "From: " + customerName + " <" + customerEmail + ">\nTicket: #" + ticketNumber + "\nSubject: "
                + subject + "\n\n" + body.strip();
        return List.of(ChatMessage.system(system.toString()), ChatMessage.user(user));
    }

    /** The prompt for a generated demo case given the articles it cites. */
    public static List<ChatMessage> forCase(SupportCase c, List<HelpArticle> articles) {
        return messages(c.customerName(), c.customerEmail(), c.ticketNumber(), c.subject(), c.body(), articles);
    }

    /** The blank-line-separated block of the article that holds its key instruction. */
    public static String excerpt(HelpArticle article) {
        for (String block : article.markdownBody().split("\n\\s*\n")) {
            if (block.contains(article.keyInstruction())) {
                return block.strip();
            }
        }
        return article.keyInstruction();
    }
}
