package io.mailtune.demo.brightcart;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes what customers send: an optional salutation, the question in varied framing, a sign-off and name, with
 * seeded typos in everything the customer typed (never in the quoted thread or the signature). Typos draw from their
 * own random stream, so changing the typo rate changes the wording of a case and nothing else.
 */
final class CustomerEmails {

    /** A subject line and body. */
    record Email(String subject, String body) {
    }

    private static final List<String> OPENERS = List.of(
            "Hi,", "Hello,", "Hi there,", "Hello Brightcart team,", "Dear Brightcart,", "Good morning,",
            "Good afternoon,", "Hey,", "Dear Sir or Madam,", "Hi Brightcart,", "To whom it may concern,", "Hello support,");
    private static final List<String> INTROS = List.of(
            "I hope you can help.", "Quick question.", "I couldn't find the answer on your help pages.",
            "Sorry to bother you.", "I've been a customer for a few years and this is the first time I've had to write in.",
            "I hope this is the right address for this.", "Hoping you can sort something out for me.",
            "I ordered from you recently.", "I need some help with my account.");
    private static final List<String> CLOSERS = List.of(
            "Thanks in advance.", "Thank you!", "Any help would be appreciated.", "Looking forward to your reply.",
            "Thanks for your help.", "Hope to hear from you soon.", "Appreciate it.", "Many thanks for looking into this.");
    private static final List<String> SIGN_OFFS = List.of(
            "Best,", "Thanks,", "Cheers,", "Regards,", "Kind regards,", "Many thanks,", "Best wishes,", "All the best,",
            "Thank you,");
    private static final List<String> ANGRY_OPENERS = List.of(
            "This is unacceptable.", "I am really fed up with this.",
            "This is the third time I've had to write about this.", "Honestly, what is going on at Brightcart?",
            "I'm extremely disappointed with your service.", "I can't believe I have to email about this again.",
            "Absolutely ridiculous.", "I have been a loyal customer for years and this is how I'm treated?");
    private static final List<String> ANGRY_CLOSERS = List.of(
            "I expect this to be sorted today.", "If this isn't fixed I'll take my business elsewhere.",
            "Please don't send me a copy-and-paste answer.", "I want a proper answer, not another automated email.",
            "Sort it out.", "I will be leaving a review about this.", "I NEED THIS FIXED NOW.");
    private static final List<String> FOLLOW_UP_THANKS = List.of(
            "Thanks, that worked.", "Thanks for the quick answer, that sorted it.", "Great, that did the trick.",
            "Thank you, all sorted now.", "Thanks for your help with that.");
    private static final List<String> FOLLOW_UP_BRIDGES = List.of(
            "One more thing:", "I have another question.", "While I have you:", "Could you also help with something else?",
            "Something else came up.");
    private static final DateTimeFormatter QUOTE_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm", Locale.ENGLISH);
    private static final LocalDateTime QUOTE_EPOCH = LocalDateTime.of(2026, 11, 20, 8, 0);
    private static final String QUOTE_AUTHOR = ", Brightcart Support <support@brightcart.example> wrote:\n";

    private final TypoNoise noise;
    private final Random typos;

    CustomerEmails(TypoNoise noise, Random typos) {
        this.noise = noise;
        this.typos = typos;
    }

    /** A calm single question. */
    Email single(Random random, Customer customer, Slots slots, ArticleScenario scenario) {
        String subject = decorate(random, slots, slots.fill(pick(random, scenario.subjects())));
        List<String> parts = new ArrayList<>();
        if (random.nextDouble() < 0.4) {
            parts.add(pick(random, INTROS));
        }
        parts.add(slots.fill(pick(random, scenario.asks())));
        return new Email(subject, compose(random, customer, String.join(" ", parts), true));
    }

    /** An upset customer: a complaint around the question, exclamation marks, sometimes shouting. */
    Email angry(Random random, Customer customer, Slots slots, ArticleScenario scenario) {
        String subject = slots.fill(pick(random, scenario.subjects()));
        subject = switch (random.nextInt(5)) {
            case 0 -> "URGENT: " + subject;
            case 1 -> "Complaint: " + subject;
            case 2 -> subject.toUpperCase(Locale.ROOT);
            case 3 -> subject + "!!!";
            default -> subject + " - still waiting";
        };
        String ask = slots.fill(pick(random, scenario.asks()));
        if (random.nextBoolean() && (ask.endsWith(".") || ask.endsWith("?"))) {
            ask = ask.substring(0, ask.length() - 1) + (ask.endsWith("?") ? "?!" : "!!");
        }
        String text = pick(random, ANGRY_OPENERS) + " " + ask + " " + pick(random, ANGRY_CLOSERS);
        return new Email(subject, compose(random, customer, text, false));
    }

    /** Several questions in one email. */
    Email multi(Random random, Customer customer, Slots slots, List<ArticleScenario> scenarios) {
        List<String> asks = scenarios.stream().map(s -> slots.fill(pick(random, s.asks()))).toList();
        String text;
        if (asks.size() > 2 || random.nextInt(3) == 0) {
            StringBuilder numbered = new StringBuilder(asks.size() == 2 ? "I have two questions." : "I have a few questions.");
            numbered.append("\n");
            for (int i = 0; i < asks.size(); i++) {
                numbered.append("\n").append(i + 1).append(". ").append(asks.get(i));
            }
            text = numbered.toString();
        } else {
            String bridge = pick(random, List.of("\n\nAlso: ", " One more thing: ", "\n\nAnd a second question. ",
                    "\n\nSeparately, ", " Also, while I'm writing: "));
            text = asks.get(0) + bridge + asks.get(1);
        }
        String first = slots.fill(pick(random, scenarios.get(0).subjects()));
        String subject = switch (random.nextInt(4)) {
            case 0 -> "A few questions";
            case 1 -> first + " and another question";
            case 2 -> first + " / " + slots.fill(pick(random, scenarios.get(1).subjects()));
            default -> "A couple of questions";
        };
        return new Email(subject, compose(random, customer, text, true));
    }

    /** A new question in the thread of an earlier, answered one, quoting our earlier reply. */
    Email followUp(Random random, Customer customer, Slots slots, String earlierSubject, String earlierReply,
                   ArticleScenario scenario) {
        String text = pick(random, FOLLOW_UP_THANKS) + " " + pick(random, FOLLOW_UP_BRIDGES) + " "
                + slots.fill(pick(random, scenario.asks()));
        String quoted = "On " + QUOTE_EPOCH.minusMinutes(random.nextInt(60 * 24 * 20)).format(QUOTE_DATE)
                + QUOTE_AUTHOR
                + String.join("\n", earlierReply.strip().lines().map(l -> l.isEmpty() ? ">" : "> " + l).toList());
        return new Email("Re: " + earlierSubject, compose(random, customer, text, false) + "\n\n" + quoted + "\n");
    }

    /** {@code body} without the earlier reply a follow-up quotes (from the attribution line on), stripped. */
    static String withoutQuotedReply(String body) {
        int author = body.indexOf(QUOTE_AUTHOR);
        return author < 0 ? body.strip() : body.substring(0, body.lastIndexOf("\n\nOn ", author) + 1).strip();
    }

    /** A request no article covers. */
    Email handOff(Random random, Customer customer, Slots slots, HandOffScenario scenario) {
        String subject = decorate(random, slots, slots.fill(pick(random, scenario.subjects())));
        String text = (random.nextDouble() < 0.3 ? pick(random, INTROS) + " " : "") + slots.fill(pick(random, scenario.asks()));
        return new Email(subject, compose(random, customer, text, true));
    }

    /** The subject of a first message, as a case's earlier exchange. */
    String subjectFor(Random random, Slots slots, ArticleScenario scenario) {
        return slots.fill(pick(random, scenario.subjects()));
    }

    private String decorate(Random random, Slots slots, String subject) {
        return switch (random.nextInt(8)) {
            case 0 -> subject.toLowerCase(Locale.ROOT);
            case 1 -> subject + " (" + slots.order() + ")";
            case 2 -> subject + " - order " + slots.order();
            case 3 -> "Question: " + subject;
            case 4 -> "Help: " + subject;
            default -> subject;
        };
    }

    private String compose(Random random, Customer customer, String text, boolean mayClose) {
        StringBuilder typed = new StringBuilder();
        if (random.nextDouble() < 0.75) {
            typed.append(pick(random, OPENERS)).append("\n\n");
        }
        typed.append(text);
        if (mayClose && random.nextDouble() < 0.6) {
            typed.append("\n\n").append(pick(random, CLOSERS));
        }
        String body = noise.apply(typed.toString(), typos) + "\n\n" + signature(random, customer);
        if (random.nextDouble() < 0.08) {
            body += "\n\nSent from my " + (random.nextBoolean() ? "iPhone" : "Android phone");
        }
        return body;
    }

    private static String signature(Random random, Customer customer) {
        String name = switch (random.nextInt(4)) {
            case 0, 1 -> customer.firstName();
            case 2 -> customer.fullName();
            default -> customer.firstName().charAt(0) + ". " + customer.lastName();
        };
        return random.nextDouble() < 0.8 ? pick(random, SIGN_OFFS) + "\n" + name : name;
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
