package io.mailtune.demo.synthetic;

import io.mailtune.model.draft.CompanyProfile;
import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.mailtune.demo.synthetic.ReplyStyle.pick;

/**
 * Generates fictional companies with Datafaker's entity pools: names, products, menus and 8-15 help articles about
 * overlapping tasks (so neighbouring articles are real distractors). Company {@code i} of seed {@code s} depends
 * only on {@code (s, i)}.
 */
public final class CompanyGenerator {

    /** The company at {@code index} of {@code seed}. */
    public SyntheticCompany company(long seed, int index) {
        long companySeed = Seeds.mix(seed, index);
        Random random = new Random(companySeed);
        Faker faker = new Faker(new Random(Seeds.splitMix(companySeed)));
        String name = switch (random.nextInt(4)) {
            case 0 -> faker.app().name();
            case 1 -> faker.company().name().replace(",", "");
            case 2 -> ArticleWriter.title(faker.hacker().noun()) + faker.app().name().toLowerCase();
            default -> faker.app().name() + " " + pick(random, "Energy", "Health", "Cloud", "Home", "Travel", "Bank",
                    "Labs", "Mobile", "Fitness", "Books", "Foods", "Insurance", "Systems", "Studio");
        };
        String app = random.nextBoolean() ? name : faker.app().name();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            products.add(faker.commerce().productName());
        }
        List<String> sections = new ArrayList<>();
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < 12) {
            chosen.add(pick(random, Vocabulary.SECTIONS));
        }
        sections.addAll(chosen);
        sections.add(app + " " + pick(random, "Hub", "Centre", "Portal", "Console"));
        ReplyStyle.Family family = ReplyStyle.Family.values()[random.nextInt(3)];
        ReplyStyle style = ReplyStyle.draw(random, family);
        String signature = random.nextInt(5) < 2 ? style.signOff().replace("{company}", name) : "";
        CompanyProfile profile = new CompanyProfile(name, signature, pick(random, family.tones()), "en",
                random.nextInt(4) == 0 ? null : pick(random, Vocabulary.HAND_OFF_TEXTS));
        List<Task> tasks = tasks(random, 8 + random.nextInt(8));
        ArticleWriter writer = new ArticleWriter(random, name, app, products, sections);
        String id = "s" + seed + "-" + index;
        List<SyntheticArticle> articles = new ArrayList<>();
        for (Task task : tasks) {
            SyntheticArticle a = writer.write(task, task.id());
            articles.add(new SyntheticArticle(a.id(), a.title(), a.task(), a.keyInstruction(), a.facts(),
                    a.markdown().replace("product: PRODUCT", "product: " + id)));
        }
        return new SyntheticCompany(id, profile, style, products, articles);
    }

    /** Distinct tasks over a handful of objects and actions, so several articles share words. */
    static List<Task> tasks(Random random, int count) {
        List<String> objects = new ArrayList<>();
        while (objects.size() < Math.max(3, count / 2)) {
            String o = pick(random, Vocabulary.OBJECTS);
            if (!objects.contains(o)) {
                objects.add(o);
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        List<Task> out = new ArrayList<>();
        while (out.size() < count) {
            Task t = new Task(pick(random, Vocabulary.ACTIONS), pick(random, objects));
            if (ids.add(t.id())) {
                out.add(t);
            }
        }
        return out;
    }

    /** A task this company has no article for (an email about it must be handed off). */
    static Task missingTask(Random random, SyntheticCompany company) {
        Set<String> have = new LinkedHashSet<>();
        company.articles().forEach(a -> have.add(a.id()));
        while (true) {
            Task t = new Task(pick(random, Vocabulary.ACTIONS),
                    random.nextBoolean() ? company.articles().get(random.nextInt(company.articles().size())).task().object()
                            : pick(random, Vocabulary.OBJECTS));
            if (!have.contains(t.id())) {
                return t;
            }
        }
    }
}
