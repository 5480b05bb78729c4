package io.mailtune.ops.drafting;

import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.Passage;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simplest drafter that does the job without a model: of the passages in the prompt, paste the one sharing the
 * most words with the email. {@link #wrapped} adds a greeting with the customer's first name and the company's
 * sign-off around it, the baseline a template engine gives.
 */
final class PasteBaseline {

    private PasteBaseline() {
    }

    /** The passage with the most distinct shared words, or an empty text when the prompt has none. */
    static String paste(DraftInput input) {
        Set<String> email = words(input.email().subject() + " " + input.email().text());
        Passage best = null;
        long bestOverlap = -1;
        for (Passage p : input.passages()) {
            long overlap = words(p.text()).stream().filter(email::contains).count();
            if (overlap > bestOverlap) {
                best = p;
                bestOverlap = overlap;
            }
        }
        return best == null ? "" : best.text();
    }

    /** The pasted passage between a greeting and the profile's signature (or "<company> Support"). */
    static String wrapped(DraftInput input) {
        String name = io.mailtune.model.draft.GreetingName.of(input.email());
        String signature = input.company().signature().isEmpty() ? "Best regards,\n" + input.company().name() + " Support"
                : input.company().signature();
        String body = paste(input);
        return (name.isEmpty() ? "Hi," : "Hi " + name + ",") + "\n\n" + (body.isEmpty() ? input.company().handOffText() : body)
                + "\n\n" + signature;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 2) {
                out.add(w);
            }
        }
        return out;
    }
}
