package io.mailtune.trainer.dataset;

import java.util.Locale;
import java.util.Optional;

/** The quality rules a scrubbed record must pass; the first it breaks is the recorded reason. */
public final class QualityRules {

    private final DatasetRules rules;
    private final LanguageGuess languages;

    /** Rules with the configured limits. */
    public QualityRules(DatasetRules rules) {
        this.rules = rules;
        this.languages = new LanguageGuess(rules.minWordsForLanguage());
    }

    /** A broken rule with its detail (never the text itself). */
    public record Violation(DropReason reason, String detail) {
    }

    /** The first rule {@code c} breaks, or empty when it may be learnt from. */
    public Optional<Violation> check(Candidate c) {
        String reply = c.reply().strip();
        if (reply.isEmpty() || c.customerMessage().isBlank()) {
            return Optional.of(new Violation(DropReason.EMPTY, reply.isEmpty() ? "the sent reply is empty" : "the customer's message is empty"));
        }
        if (reply.length() > rules.maxReplyChars()) {
            return Optional.of(new Violation(DropReason.TOO_LONG, "reply has " + reply.length() + " characters; at most "
                    + rules.maxReplyChars() + " are taken (mailtune.trainer.dataset.max-reply-chars)"));
        }
        if (!rules.languages().isEmpty()) {
            Optional<String> guessed = languages.guess(reply);
            String declared = LanguageGuess.primary(c.language());
            String language = guessed.orElse(declared);
            if (!language.isEmpty() && !rules.languages().contains(language)) {
                return Optional.of(new Violation(DropReason.WRONG_LANGUAGE, "reply reads as '" + language + "'"
                        + (declared.isEmpty() ? "" : " (declared '" + declared + "')") + "; the set takes " + rules.languages()));
            }
        }
        if (handOffOnly(c, reply)) {
            return Optional.of(new Violation(DropReason.HAND_OFF_ONLY, "the reply only passes the customer to a colleague"));
        }
        return Optional.empty();
    }

    private boolean handOffOnly(Candidate c, String reply) {
        String lower = reply.toLowerCase(Locale.ROOT);
        String handOff = rules.handOffText().toLowerCase(Locale.ROOT);
        boolean mentions = !handOff.isEmpty() && lower.replaceAll("\\s+", " ").contains(handOff.replaceAll("\\s+", " "));
        if (!c.handOff() && !mentions) {
            return false;
        }
        String[] lines = reply.split("\\R");
        StringBuilder content = new StringBuilder();
        int last = lines.length;
        // The sign-off: trailing short lines after the last blank line.
        for (int i = lines.length - 1; i > 0; i--) {
            if (lines[i].isBlank()) {
                last = i;
                break;
            }
        }
        for (int i = 0; i < last; i++) {
            String line = lines[i].strip();
            if (i == 0 && line.endsWith(",") && line.length() < 60) {
                continue; // the greeting
            }
            content.append(line).append(' ');
        }
        String rest = content.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (!handOff.isEmpty()) {
            rest = rest.replace(handOff.replaceAll("\\s+", " "), " ").replaceAll("\\s+", " ").strip();
        }
        // Thanks and patience sentences carry nothing to learn about answering.
        rest = rest.replaceAll("(?:^|(?<=[.!?] ))(?:thanks|thank you|many thanks)[^.!?]*[.!?]", " ");
        long letters = rest.chars().filter(Character::isLetter).count();
        return letters < rules.handOffMinChars();
    }
}
