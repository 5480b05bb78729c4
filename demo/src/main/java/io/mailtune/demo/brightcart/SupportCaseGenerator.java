package io.mailtune.demo.brightcart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates realistic support emails for the demo company with gold replies grounded in its articles.
 * Case {@code i} of seed {@code s} depends only on {@code (s, i)} and the settings: the same seed always yields the
 * same cases, a longer list extends a shorter one, and a different seed (such as {@link DemoSeeds#HOLDOUT}) yields
 * an independent set.
 */
public final class SupportCaseGenerator {

    private final DemoKnowledgeBase kb;
    private final ScenarioCatalog catalog;
    private final GeneratorSettings settings;
    private final TypoNoise noise;
    private final CaseKind[] kinds;
    private final double[] cumulativeWeights;

    /** A generator over {@code kb} with the scenarios of {@code catalog}. */
    public SupportCaseGenerator(DemoKnowledgeBase kb, ScenarioCatalog catalog, GeneratorSettings settings) {
        if (kb == null || catalog == null || settings == null) {
            throw new IllegalArgumentException("knowledge base, catalog and settings must not be null");
        }
        for (HelpArticle article : kb.articles()) {
            catalog.forArticle(article.id());
        }
        this.kb = kb;
        this.catalog = catalog;
        this.settings = settings;
        this.noise = new TypoNoise(settings.typoRate());
        List<Map.Entry<CaseKind, Double>> weights = settings.kindWeights().entrySet().stream().filter(e -> e.getValue() > 0).toList();
        this.kinds = weights.stream().map(Map.Entry::getKey).toArray(CaseKind[]::new);
        this.cumulativeWeights = new double[kinds.length];
        double sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += weights.get(i).getValue();
            cumulativeWeights[i] = sum;
        }
    }

    /** The bundled demo company with the given settings. */
    public static SupportCaseGenerator demo(GeneratorSettings settings) {
        DemoKnowledgeBase kb = DemoKnowledgeBase.load();
        return new SupportCaseGenerator(kb, ScenarioCatalog.load(kb), settings);
    }

    /** The bundled demo company with {@link GeneratorSettings#defaults()}. */
    public static SupportCaseGenerator demo() {
        return demo(GeneratorSettings.defaults());
    }

    /** The settings in use. */
    public GeneratorSettings settings() {
        return settings;
    }

    /** The knowledge base the cases cite. */
    public DemoKnowledgeBase knowledgeBase() {
        return kb;
    }

    /** Cases {@code 0 .. count-1} of {@code seed}. */
    public List<SupportCase> generate(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<SupportCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(caseAt(seed, i));
        }
        return cases;
    }

    /**
     * {@code count} approved replies that staff changed in one consistent way: each case's gold reply (the draft, in
     * the settings' style) rewritten into {@code approvedStyle} with the case's ticket number.
     */
    public List<StyleEdit> styleEdits(long seed, int count, HouseStyle approvedStyle) {
        if (approvedStyle == null) {
            throw new IllegalArgumentException("approvedStyle must not be null");
        }
        List<StyleEdit> edits = new ArrayList<>(count);
        for (SupportCase supportCase : generate(seed, count)) {
            String approved = approvedStyle.restyle(supportCase.goldReply(), settings.style(), supportCase.ticketNumber());
            edits.add(new StyleEdit(supportCase, supportCase.goldReply(), approved));
        }
        return edits;
    }

    /** Case {@code index} of {@code seed}. */
    public SupportCase caseAt(long seed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        long caseSeed = mix(seed, index);
        Random random = new Random(caseSeed);
        CustomerEmails emails = new CustomerEmails(noise, new Random(splitMix(caseSeed)));
        Customer customer = Customer.draw(random);
        CaseKind kind = drawKind(random);
        int ticket = 10000 + random.nextInt(90000);
        Slots slots = Slots.draw(random);
        String caseId = "demo-" + seed + "-" + index;
        String first = customer.firstName();
        HouseStyle style = settings.style();
        return switch (kind) {
            case SINGLE, ANGRY -> {
                HelpArticle article = drawArticles(random, 1).getFirst();
                ArticleScenario scenario = catalog.forArticle(article.id());
                CustomerEmails.Email email = kind == CaseKind.SINGLE
                        ? emails.single(random, customer, slots, scenario)
                        : emails.angry(random, customer, slots, scenario);
                ReplyContent reply = kind == CaseKind.SINGLE
                        ? GoldReplies.single(first, article, scenario)
                        : GoldReplies.angry(first, article, scenario);
                yield build(caseId, ticket, customer, email, List.of(article.id()), style.render(reply, ticket), kind);
            }
            case MULTI_QUESTION -> {
                int questions = 2 + random.nextInt(settings.maxQuestions() - 1);
                List<HelpArticle> articles = drawArticles(random, questions);
                List<ArticleScenario> scenarios = articles.stream().map(a -> catalog.forArticle(a.id())).toList();
                CustomerEmails.Email email = emails.multi(random, customer, slots, scenarios);
                ReplyContent reply = GoldReplies.multi(first, articles, scenarios);
                yield build(caseId, ticket, customer, email, articles.stream().map(HelpArticle::id).toList(),
                        style.render(reply, ticket), kind);
            }
            case FOLLOW_UP -> {
                List<HelpArticle> articles = drawArticles(random, 2);
                ArticleScenario earlier = catalog.forArticle(articles.get(0).id());
                ArticleScenario now = catalog.forArticle(articles.get(1).id());
                String earlierReply = style.render(GoldReplies.single(first, articles.get(0), earlier), ticket);
                CustomerEmails.Email email = emails.followUp(random, customer, slots,
                        emails.subjectFor(random, slots, earlier), earlierReply, now);
                ReplyContent reply = GoldReplies.followUp(first, articles.get(1), now);
                yield build(caseId, ticket, customer, email, List.of(articles.get(1).id()), style.render(reply, ticket), kind);
            }
            case HAND_OFF -> {
                List<HandOffScenario> handOffs = catalog.handOffs();
                HandOffScenario scenario = handOffs.get(random.nextInt(handOffs.size()));
                CustomerEmails.Email email = emails.handOff(random, customer, slots, scenario);
                yield build(caseId, ticket, customer, email, List.of(), style.render(GoldReplies.handOff(first, scenario), ticket), kind);
            }
        };
    }

    /**
     * Case {@code index} of {@code seed} as a follow-up in the thread of {@code earlier}: the same customer thanks for
     * {@code reply} (quoted below the new text) and asks about another article.
     */
    public SupportCase followUp(long seed, int index, SupportCase earlier, String reply) {
        if (earlier == null || reply == null || reply.isBlank()) {
            throw new IllegalArgumentException("a follow-up needs the earlier case and the reply it answers");
        }
        long caseSeed = mix(seed, index);
        Random random = new Random(caseSeed);
        CustomerEmails emails = new CustomerEmails(noise, new Random(splitMix(caseSeed)));
        String[] names = earlier.customerName().split(" ", 2);
        Customer customer = new Customer(names[0], names.length > 1 ? names[1] : "", earlier.customerEmail());
        Slots slots = Slots.draw(random);
        HelpArticle article = drawArticles(random, 1).getFirst();
        ArticleScenario scenario = catalog.forArticle(article.id());
        String subject = earlier.subject().replaceFirst("(?i)^(re:\\s*)+", "");
        CustomerEmails.Email email = emails.followUp(random, customer, slots, subject, reply, scenario);
        String gold = settings.style().render(GoldReplies.followUp(customer.firstName(), article, scenario), earlier.ticketNumber());
        return new SupportCase(earlier.caseId() + "-f" + index, earlier.ticketNumber(), earlier.customerName(),
                earlier.customerEmail(), email.subject(), email.body(), List.of(article.id()), gold, CaseKind.FOLLOW_UP);
    }

    private static SupportCase build(String caseId, int ticket, Customer customer, CustomerEmails.Email email,
                                     List<String> articleIds, String goldReply, CaseKind kind) {
        return new SupportCase(caseId, ticket, customer.fullName(), customer.email(), email.subject(), email.body(),
                articleIds, goldReply, kind);
    }

    private CaseKind drawKind(Random random) {
        double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < kinds.length; i++) {
            if (x < cumulativeWeights[i]) {
                return kinds[i];
            }
        }
        return kinds[kinds.length - 1];
    }

    private List<HelpArticle> drawArticles(Random random, int count) {
        if (count > kb.size()) {
            throw new IllegalStateException("need " + count + " distinct articles but the knowledge base has " + kb.size());
        }
        List<HelpArticle> chosen = new ArrayList<>(count);
        while (chosen.size() < count) {
            HelpArticle candidate = kb.articles().get(random.nextInt(kb.size()));
            if (!chosen.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    /** SplitMix64 of seed and index, so neighbouring seeds and indices give unrelated streams. */
    private static long mix(long seed, int index) {
        return splitMix(seed ^ splitMix(index + 0x9E3779B97F4A7C15L));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
