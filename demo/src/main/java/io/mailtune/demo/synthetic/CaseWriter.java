package io.mailtune.demo.synthetic;

import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.demo.brightcart.CaseKind;
import io.mailtune.demo.synthetic.SyntheticArticle.Question;
import io.mailtune.model.draft.CustomerMessage;
import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static io.mailtune.demo.synthetic.ReplyStyle.pick;

/**
 * Writes customer emails to a synthetic company: varied openers, framings and sign-offs, senders from many locales
 * (Datafaker), one or several questions, upset customers, follow-ups in a thread, and requests no article answers.
 * Case {@code i} of seed {@code s} for a company depends only on {@code (s, i)} and the company.
 */
public final class CaseWriter {

    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH,
            Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"), Locale.forLanguageTag("pt-BR"),
            Locale.forLanguageTag("nl"), Locale.ITALIAN, Locale.forLanguageTag("pl"), Locale.forLanguageTag("sv"),
            Locale.forLanguageTag("en-IN"), Locale.forLanguageTag("ja"));

    /** Case {@code index} of {@code seed} for {@code company}. */
    public SyntheticCase caseAt(SyntheticCompany company, long seed, int index) {
        long caseSeed = Seeds.mix(seed ^ company.id().hashCode(), index);
        Random random = new Random(caseSeed);
        Locale locale = LOCALES.get(random.nextInt(LOCALES.size()));
        Faker faker = new Faker(locale, new Random(Seeds.splitMix(caseSeed)));
        String first = clean(faker.name().firstName());
        String last = clean(faker.name().lastName());
        if (first.isEmpty() || !Character.isUpperCase(first.charAt(0))) {
            Faker en = new Faker(new Random(caseSeed));
            first = clean(en.name().firstName());
            last = clean(en.name().lastName());
        }
        String address = ascii(first + "." + last).toLowerCase(Locale.ROOT) + "@"
                + pick(random, "example.com", "example.org", "example.net", "mail.example", "post.example");
        boolean displayName = random.nextInt(8) > 0;
        String signedAs = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5 -> first;
            case 6, 7 -> first + " " + last;
            default -> displayName ? "" : first;
        };
        double kindDraw = random.nextDouble();
        CaseKind kind = kindDraw < 0.38 ? CaseKind.SINGLE : kindDraw < 0.53 ? CaseKind.MULTI_QUESTION
                : kindDraw < 0.68 ? CaseKind.ANGRY : kindDraw < 0.78 ? CaseKind.FOLLOW_UP : CaseKind.HAND_OFF;
        List<SyntheticArticle> articles = company.articles();
        List<SyntheticCase.Asked> questions = new ArrayList<>();
        List<String> asks = new ArrayList<>();
        List<ThreadTurn> history = List.of();
        String subject;
        String companyName = company.profile().name();
        switch (kind) {
            case HAND_OFF -> {
                if (random.nextBoolean()) {
                    asks.add(pick(random, Vocabulary.OUT_OF_SCOPE));
                    subject = pick(random, "Question", "Request", "Enquiry", "Hello", "Important", "Please read");
                } else {
                    Task missing = CompanyGenerator.missingTask(random, company);
                    asks.add(ask(random, missing, Question.HOW));
                    subject = subject(random, missing);
                }
            }
            case MULTI_QUESTION -> {
                int count = 2 + (random.nextInt(4) == 0 ? 1 : 0);
                List<SyntheticArticle> picked = new ArrayList<>();
                while (picked.size() < Math.min(count, articles.size())) {
                    SyntheticArticle a = articles.get(random.nextInt(articles.size()));
                    if (!picked.contains(a)) {
                        picked.add(a);
                    }
                }
                for (SyntheticArticle a : picked) {
                    Question q = question(random, a);
                    questions.add(new SyntheticCase.Asked(a, q, false));
                    asks.add(ask(random, a.task(), q));
                }
                subject = pick(random, "A few questions", "A couple of questions", "Two things",
                        subject(random, picked.getFirst().task()) + " and another question");
            }
            default -> {
                SyntheticArticle a = articles.get(random.nextInt(articles.size()));
                Question q = question(random, a);
                questions.add(new SyntheticCase.Asked(a, q, random.nextInt(3) == 0));
                asks.add(ask(random, a.task(), q));
                subject = subject(random, a.task());
                if (kind == CaseKind.FOLLOW_UP) {
                    SyntheticArticle earlier = articles.get(random.nextInt(articles.size()));
                    history = List.of(new ThreadTurn(ThreadTurn.Author.CUSTOMER, ask(random, earlier.task(), Question.HOW), null),
                            new ThreadTurn(ThreadTurn.Author.STAFF, earlier.keyInstruction(), null));
                    subject = "Re: " + subject(random, earlier.task());
                }
            }
        }
        StringBuilder body = new StringBuilder();
        String opener = pick(random, Vocabulary.OPENERS).replace("{company}", companyName);
        if (!opener.isEmpty()) {
            body.append(opener).append("\n\n");
        }
        List<String> text = new ArrayList<>();
        switch (kind) {
            case ANGRY -> {
                text.add(pick(random, Vocabulary.ANGRY_OPENERS).replace("{company}", companyName));
                text.add(asks.getFirst().replaceAll("[.?]$", random.nextBoolean() ? "?!" : "!!"));
                text.add(pick(random, Vocabulary.ANGRY_CLOSERS));
            }
            case FOLLOW_UP -> {
                text.add(pick(random, "Thanks, that worked.", "Thanks for the quick answer, that sorted it.",
                        "Great, that did the trick.", "Thank you, all sorted now."));
                text.add(pick(random, "One more thing:", "I have another question.", "While I have you:",
                        "Something else came up."));
                text.add(asks.getFirst());
            }
            case MULTI_QUESTION -> {
                if (random.nextBoolean()) {
                    StringBuilder numbered = new StringBuilder(asks.size() == 2 ? "I have two questions." : "I have a few questions.");
                    numbered.append('\n');
                    for (int i = 0; i < asks.size(); i++) {
                        numbered.append('\n').append(i + 1).append(". ").append(asks.get(i));
                    }
                    text.add(numbered.toString());
                } else {
                    text.add(asks.get(0));
                    for (int i = 1; i < asks.size(); i++) {
                        text.add(pick(random, "Also,", "And separately:", "One more thing:", "Second question:") + " "
                                + lowerFirst(asks.get(i)));
                    }
                }
            }
            default -> {
                if (random.nextInt(3) == 0) {
                    text.add(pick(random, Vocabulary.INTROS).replace("{company}", companyName));
                }
                text.addAll(asks);
                if (random.nextInt(4) == 0 && !company.products().isEmpty()) {
                    text.add(pick(random, "I use the " + pick(random, company.products()) + ", if that matters.",
                            "This is for my " + pick(random, company.products()) + "."));
                }
            }
        }
        body.append(String.join(" ", text));
        String closer = pick(random, Vocabulary.CLOSERS);
        if (!closer.isEmpty() && kind != CaseKind.ANGRY) {
            body.append("\n\n").append(closer);
        }
        if (!signedAs.isEmpty()) {
            String signOff = pick(random, Vocabulary.SIGN_OFFS);
            body.append("\n\n").append(signOff.isEmpty() ? "" : signOff + "\n").append(signedAs);
        }
        CustomerMessage email = CustomerMessage.of(displayName ? first + " " + last : "", address, subject, body.toString());
        return new SyntheticCase(company.id() + "-" + seed + "-" + index, company, email, history, kind, questions);
    }

    private static Question question(Random random, SyntheticArticle a) {
        if (random.nextInt(10) < 6 || a.facts().isEmpty()) {
            return Question.HOW;
        }
        List<Question> kinds = new ArrayList<>(a.facts().keySet());
        return kinds.get(random.nextInt(kinds.size()));
    }

    /** How a customer asks a question about a task. */
    static String ask(Random random, Task task, Question question) {
        Task.Action action = task.action();
        String verb = random.nextInt(3) == 0 && action.synonyms().length > 0 ? pick(random, action.synonyms()) : action.verb();
        String object = task.object();
        String my = pick(random, "my", "my", "our", "the");
        return switch (question) {
            case HOW -> pick(random,
                    "How do I " + verb + " " + my + " " + object + "?",
                    "How can I " + verb + " " + my + " " + object + "?",
                    "Where do I go to " + verb + " " + my + " " + object + "?",
                    "I can't work out how to " + verb + " " + my + " " + object + ".",
                    "I'd like to " + verb + " " + my + " " + object + ", what do I need to do?",
                    "Is there a way to " + verb + " " + my + " " + object + "?",
                    "What are the steps to " + verb + " " + my + " " + object + "?",
                    "I need to " + verb + " " + my + " " + object + " but I can't find the option anywhere.",
                    "Please tell me how to " + verb + " " + my + " " + object + ".",
                    "Can you explain how I " + verb + " " + my + " " + object + "?");
            case TIMING -> pick(random,
                    "How long does it take to " + verb + " " + my + " " + object + "?",
                    "If I " + verb + " " + my + " " + object + " today, when does it take effect?",
                    "How quickly will " + my + " " + object + " be " + action.past() + "?");
            case PERMISSION -> pick(random,
                    "Who on our team is allowed to " + verb + " the " + object + "?",
                    "Can any member of our account " + verb + " the " + object + ", or only admins?");
            case LIMIT -> pick(random,
                    "How many times can I " + verb + " " + my + " " + object + "?",
                    "Is there a limit on how often I can " + verb + " the " + object + "?");
            case COST -> pick(random,
                    "Does it cost anything to " + verb + " " + my + " " + object + "?",
                    "Is there a fee if I " + verb + " the " + object + "?");
        };
    }

    private static String subject(Random random, Task task) {
        return pick(random, ArticleWriter.title(task.object()), ArticleWriter.title(task.action().verb()) + " " + task.object(),
                "Question about my " + task.object(), "Help with " + task.object(), task.object() + "??",
                "Can't " + task.action().verb() + " " + task.object());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.startsWith("I ") || s.startsWith("I'") ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    private static String clean(String name) {
        return name.replaceAll("[^\\p{L}'’ -]", "").strip().split("\\s+")[0];
    }

    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z.]", "");
    }
}
