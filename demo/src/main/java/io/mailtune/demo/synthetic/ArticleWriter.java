package io.mailtune.demo.synthetic;

import io.mailtune.demo.synthetic.SyntheticArticle.Question;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static io.mailtune.demo.synthetic.ReplyStyle.pick;

/**
 * Writes a help article for a task in one of several layouts (sections, numbered steps, questions and answers, one
 * paragraph with a table), with a verbatim key instruction (a menu path) and facts with numbers and time limits.
 */
final class ArticleWriter {

    private final Random random;
    private final String company;
    private final String app;
    private final List<String> products;
    private final List<String> sections;

    ArticleWriter(Random random, String company, String app, List<String> products, List<String> sections) {
        this.random = random;
        this.company = company;
        this.app = app;
        this.products = products;
        this.sections = sections;
    }

    SyntheticArticle write(Task task, String id) {
        String verb = task.action().verb();
        String past = task.action().past();
        String object = task.object();
        String objectTitle = title(object);
        String verbTitle = title(verb);
        String s1 = pick(random, sections);
        String s2 = otherThan(s1);
        String s3 = otherThan(s2);
        String button = pick(random, Vocabulary.BUTTONS);
        String key = switch (random.nextInt(8)) {
            case 0 -> "Go to " + s1 + " > " + s2 + ", select " + objectTitle + " and click " + verbTitle + ".";
            case 1 -> "Open " + s1 + ", choose " + objectTitle + " and click " + verbTitle + " " + object + ".";
            case 2 -> "In the " + app + " app, tap " + s1 + " > " + objectTitle + " and then tap " + verbTitle + ".";
            case 3 -> "Sign in, open " + s1 + " > " + s2 + " > " + objectTitle + ", click " + verbTitle + " and then " + button + ".";
            case 4 -> "From the " + s1 + " page, click " + verbTitle + " next to the " + object + " and confirm with " + button + ".";
            case 5 -> "Select " + s1 + " > " + objectTitle + ", click " + verbTitle + " and follow the steps on screen.";
            case 6 -> "To " + verb + " your " + object + ", go to " + s1 + " > " + s2 + " and click " + verbTitle + " " + object + ".";
            default -> "Click your name in the top corner, open " + s1 + " > " + s3 + " and use " + verbTitle + " " + objectTitle + ".";
        };
        int n = 2 + random.nextInt(29);
        String unit = pick(random, Vocabulary.UNITS);
        String currency = pick(random, Vocabulary.CURRENCIES);
        Map<Question, String> facts = new EnumMap<>(Question.class);
        facts.put(Question.TIMING, switch (random.nextInt(4)) {
            case 0 -> "The change takes effect within " + n + " " + unit + ".";
            case 1 -> "Your " + object + " is " + past + " within " + n + " " + unit + ".";
            case 2 -> "It can take up to " + n + " " + unit + " before you see the " + past + " " + object + ".";
            default -> "We process the request within " + n + " " + unit + " and email you when it is done.";
        });
        if (random.nextInt(3) > 0) {
            facts.put(Question.PERMISSION, switch (random.nextInt(3)) {
                case 0 -> "Only account owners and admins can " + verb + " the " + object + ".";
                case 1 -> "Anyone with the " + s2 + " role can " + verb + " a " + object + ".";
                default -> "You need the " + title(s3) + " permission to " + verb + " a " + object + ".";
            });
        }
        if (random.nextInt(3) > 0) {
            int m = 2 + random.nextInt(9);
            facts.put(Question.LIMIT, switch (random.nextInt(2)) {
                case 0 -> "You can " + verb + " your " + object + " up to " + m + " times a " + pick(random, Vocabulary.PERIODS) + ".";
                default -> "There is a limit of " + m + " per " + pick(random, Vocabulary.PERIODS) + " for each account.";
            });
        }
        if (random.nextInt(2) > 0) {
            int price = 1 + random.nextInt(49);
            facts.put(Question.COST, switch (random.nextInt(3)) {
                case 0 -> "There is no charge to " + verb + " your " + object + ".";
                case 1 -> "A fee of " + currency + price + " applies each time you " + verb + " a " + object + ".";
                default -> "On the " + pick(random, "Basic", "Starter", "Standard", "Free") + " plan this costs " + currency + price
                        + " per " + pick(random, Vocabulary.PERIODS) + ".";
            });
        }
        List<String> intro = new ArrayList<>(List.of(pick(random,
                "This article explains how to " + verb + " your " + object + ".",
                "You can " + verb + " your " + object + " at any time.",
                "Many customers ask how to " + verb + " their " + object + ".",
                "Here is everything you need to know before you " + verb + " a " + object + ".")));
        String note1 = pick(random,
                "If you use the " + pick(random, products) + ", the steps are the same.",
                "The " + app + " mobile app shows the same options under " + s1 + ".",
                "If you can't see " + s1 + ", ask your administrator for access.",
                "Changes you make in the app appear on the website a few moments later.");
        String note2 = pick(random,
                "A " + past + " " + object + " cannot be changed back afterwards.",
                "We never ask for your password by email.",
                "For anything this page does not cover, contact our support team.",
                "You will find a record of it under " + s3 + ".",
                "This works the same way on the web and in the app.");
        String step2 = pick(random, "Check the details and click " + button + ".", "Enter your password when asked.",
                "Review the summary on the next screen.", "Choose what you want to keep and confirm.");
        String step3 = pick(random, "Wait for the confirmation email and open the link in it.",
                "You will see a message once it is done.", "A confirmation appears at the top of the page.");
        String title = switch (random.nextInt(4)) {
            case 0 -> verbTitle + " your " + object;
            case 1 -> "How to " + verb + " your " + object;
            case 2 -> "Can I " + verb + " my " + object + "?";
            default -> objectTitle + ": how to " + verb + " it";
        };
        StringBuilder md = new StringBuilder("---\nid: ").append(id).append("\ntitle: ").append(title.replace(":", " -"))
                .append("\nproduct: PRODUCT\nkey-instruction: ").append(key).append("\n---\n# ").append(title).append("\n\n");
        List<String> factList = new ArrayList<>(facts.values());
        switch (random.nextInt(4)) {
            case 0 -> {  // sections
                md.append(String.join(" ", intro)).append(' ').append(note1).append("\n\n## ")
                        .append(pick(random, "How to " + verb + " your " + object, "Steps", "What to do")).append("\n\n")
                        .append(key).append(' ').append(step2).append("\n\n## ")
                        .append(pick(random, "Good to know", "Details", "Limits and timing")).append("\n\n")
                        .append(String.join(" ", factList)).append("\n\n## Notes\n\n").append(note2).append('\n');
            }
            case 1 -> {  // numbered steps
                md.append(String.join(" ", intro)).append("\n\n## Steps\n\n1. ").append(key).append("\n2. ").append(step2)
                        .append("\n3. ").append(step3).append("\n\n## ").append(pick(random, "Good to know", "Before you start"))
                        .append("\n\n");
                for (String f : factList) {
                    md.append("- ").append(f).append('\n');
                }
                md.append("- ").append(note1).append("\n\n").append(note2).append('\n');
            }
            case 2 -> {  // questions and answers
                md.append(String.join(" ", intro)).append("\n\n## How do I ").append(verb).append(" my ").append(object)
                        .append("?\n\n").append(key).append(' ').append(step3).append('\n');
                for (Map.Entry<Question, String> f : facts.entrySet()) {
                    md.append("\n## ").append(switch (f.getKey()) {
                        case TIMING -> "How long does it take?";
                        case PERMISSION -> "Who can do this?";
                        case LIMIT -> "Is there a limit?";
                        case COST -> "Does it cost anything?";
                        case HOW -> "How?";
                    }).append("\n\n").append(f.getValue()).append('\n');
                }
                md.append("\n## Anything else?\n\n").append(note1).append(' ').append(note2).append('\n');
            }
            default -> {  // one paragraph and a table
                md.append(String.join(" ", intro)).append(' ').append(key).append(' ')
                        .append(String.join(" ", factList)).append(' ').append(note1).append("\n\n| Plan | Included |\n|---|---|\n| ")
                        .append(pick(random, "Basic", "Starter", "Free")).append(" | ").append(1 + random.nextInt(5))
                        .append(" per month |\n| ").append(pick(random, "Pro", "Business", "Plus")).append(" | ")
                        .append(pick(random, "unlimited", "10 per month", "25 per month")).append(" |\n\n").append(note2).append('\n');
            }
        }
        facts.put(Question.HOW, key);
        Map<Question, String> onlyFacts = new EnumMap<>(facts);
        onlyFacts.remove(Question.HOW);
        return new SyntheticArticle(id, title, task, key, onlyFacts, md.toString().replace("{company}", company));
    }

    private String otherThan(String section) {
        String s;
        do {
            s = pick(random, sections);
        } while (s.equals(section));
        return s;
    }

    static String title(String words) {
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
