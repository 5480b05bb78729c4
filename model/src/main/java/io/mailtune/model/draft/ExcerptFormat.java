package io.mailtune.model.draft;

import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.model.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The free-text format: the model reads the retrieved passages as article excerpts and writes the whole reply
 * itself. A system message names the company and holds the excerpts (title, id, text) and the earlier messages of
 * the thread; the user message holds the customer's email as data. Nothing checks what the model writes, so this
 * format suits instruction-tuned checkpoints; it is the layout the first bundled model was trained on.
 */
public final class ExcerptFormat implements DraftFormat {

    /** What the system message says when no passage was retrieved. */
    public static final String NO_ARTICLE = "No help article matches this email.";

    @Override
    public List<ChatMessage> prompt(DraftInput input, PromptBudget budget) {
        List<ThreadTurn> history = new ArrayList<>(input.history());
        List<Passage> passages = new ArrayList<>(input.passages());
        String email = email(input.email(), input.email().text());
        while (true) {
            String system = system(input.company(), passages, history);
            if (budget.count(system) + budget.count(email) + 16 <= budget.maxTokens()) {
                return List.of(ChatMessage.system(system), ChatMessage.user(email));
            }
            if (!history.isEmpty()) {
                history.removeFirst();  // the oldest turns matter least
            } else if (passages.size() > 1) {
                passages.removeLast();  // then the least relevant passages
            } else {
                // Finally the email's own tail: keep its start, where customers put the question.
                String text = input.email().text();
                int keep = Math.max(0, (int) (text.length() * 0.8) - 1);
                if (keep == 0) {
                    return List.of(ChatMessage.system(system), ChatMessage.user(email(input.email(), "")));
                }
                input = new DraftInput(input.company(), new CustomerMessage(input.email().senderName(),
                        input.email().senderAddress(), input.email().subject(), text.substring(0, keep), input.email().forwarded()),
                        List.of(), passages);
                email = email(input.email(), input.email().text());
            }
        }
    }

    @Override
    public RenderedDraft render(DraftInput input, String modelOutput) {
        boolean handOff = input.passages().isEmpty() || modelOutput.contains(input.company().handOffText());
        return new RenderedDraft(modelOutput, handOff, handOff ? List.of() : input.passages());
    }

    @Override
    public String target(DraftInput input, String sentReply) {
        return sentReply.strip();
    }

    private static String system(CompanyProfile company, List<Passage> passages, List<ThreadTurn> history) {
        StringBuilder s = new StringBuilder("You are ").append(company.name())
                .append(" Support. Reply to the customer's email using the help articles below.");
        if (!company.tone().isEmpty()) {
            s.append(" Tone: ").append(company.tone());
        }
        s.append("\n\n");
        if (passages.isEmpty()) {
            s.append(NO_ARTICLE);
        }
        List<String> parts = new ArrayList<>();
        for (Passage p : passages) {
            parts.add("Article: " + p.title() + " (" + p.articleId() + ")\n" + p.text());
        }
        s.append(String.join("\n\n", parts));
        if (!history.isEmpty()) {
            s.append("\n\nEarlier in this conversation:");
            for (ThreadTurn turn : history) {
                s.append("\n").append(turn.author() == ThreadTurn.Author.STAFF ? "Support: " : "Customer: ")
                        .append(turn.text().strip());
            }
        }
        return s.toString();
    }

    private static String email(CustomerMessage email, String text) {
        String from = email.senderName().isEmpty() ? "<" + email.senderAddress() + ">"
                : email.senderName() + " <" + email.senderAddress() + ">";
        StringBuilder s = new StringBuilder("From: ").append(from).append("\nSubject: ").append(email.subject())
                .append("\n\n").append(text.strip());
        for (String forwarded : email.forwarded()) {
            s.append("\n\nForwarded message:\n").append(forwarded.strip());
        }
        return s.toString();
    }
}
