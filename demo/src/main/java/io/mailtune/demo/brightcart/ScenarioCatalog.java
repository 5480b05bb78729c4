package io.mailtune.demo.brightcart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled case scenarios: {@code cases/<article-id>.txt} for every article and {@code cases/handoff.txt}.
 * Lines are {@code key: value}; a blank line separates hand-off scenarios. Facts must occur verbatim in their
 * article so that gold replies stay grounded.
 */
public final class ScenarioCatalog {

    /** Classpath folder of the scenario files. */
    public static final String RESOURCE_FOLDER = "/io/mailtune/demo/brightcart/cases/";

    private static final Set<String> ARTICLE_KEYS = Set.of("topic", "subject", "ask", "fact");
    private static final Set<String> HAND_OFF_KEYS = Set.of("topic", "subject", "ask");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final Map<String, ArticleScenario> byArticle;
    private final List<HandOffScenario> handOffs;

    private ScenarioCatalog(Map<String, ArticleScenario> byArticle, List<HandOffScenario> handOffs) {
        this.byArticle = byArticle;
        this.handOffs = List.copyOf(handOffs);
    }

    /** Reads the scenarios of every article in {@code kb} plus the hand-offs, validating each file. */
    public static ScenarioCatalog load(DemoKnowledgeBase kb) {
        Map<String, ArticleScenario> byArticle = new LinkedHashMap<>();
        for (HelpArticle article : kb.articles()) {
            String source = article.id() + ".txt";
            byArticle.put(article.id(), parseArticleScenario(article, source, readResource(source)));
        }
        return new ScenarioCatalog(byArticle, parseHandOffs("handoff.txt", readResource("handoff.txt")));
    }

    /** The scenario of one article; an article without one is an error that names it. */
    public ArticleScenario forArticle(String articleId) {
        ArticleScenario scenario = byArticle.get(articleId);
        if (scenario == null) {
            throw new IllegalArgumentException("no case scenario for article '" + articleId + "'");
        }
        return scenario;
    }

    /** Every article scenario, in knowledge-base order. */
    public List<ArticleScenario> articleScenarios() {
        return List.copyOf(byArticle.values());
    }

    /** The requests outside the knowledge base. */
    public List<HandOffScenario> handOffs() {
        return handOffs;
    }

    /** Parses one article's scenario file and checks its facts against the article body. */
    public static ArticleScenario parseArticleScenario(HelpArticle article, String source, String text) {
        List<Entry> entries = entries(source, text, ARTICLE_KEYS);
        List<String> topics = values(entries, "topic");
        if (topics.size() != 1) {
            throw new MalformedDemoFileException(source, 0, "needs exactly one 'topic' line, has " + topics.size());
        }
        for (Entry entry : entries) {
            if (entry.key.equals("fact") && !article.markdownBody().contains(entry.value)) {
                throw new MalformedDemoFileException(source, entry.line,
                        "fact does not occur verbatim in article '" + article.id() + "': " + entry.value);
            }
        }
        try {
            return new ArticleScenario(article.id(), topics.getFirst(), values(entries, "subject"), values(entries, "ask"),
                    values(entries, "fact"));
        } catch (IllegalArgumentException e) {
            throw new MalformedDemoFileException(source, 0, e.getMessage());
        }
    }

    /** Parses the hand-off file: blocks of topic, subjects and asks separated by blank lines. */
    public static List<HandOffScenario> parseHandOffs(String source, String text) {
        List<HandOffScenario> scenarios = new ArrayList<>();
        List<Entry> block = new ArrayList<>();
        for (Entry entry : entries(source, text, HAND_OFF_KEYS)) {
            if (entry.key.equals("topic") && !block.isEmpty()) {
                scenarios.add(handOff(source, block));
                block = new ArrayList<>();
            }
            block.add(entry);
        }
        if (!block.isEmpty()) {
            scenarios.add(handOff(source, block));
        }
        if (scenarios.isEmpty()) {
            throw new MalformedDemoFileException(source, 0, "contains no hand-off scenario");
        }
        return scenarios;
    }

    private static HandOffScenario handOff(String source, List<Entry> block) {
        Entry first = block.getFirst();
        if (!first.key.equals("topic")) {
            throw new MalformedDemoFileException(source, first.line, "a hand-off scenario must start with a 'topic' line");
        }
        try {
            return new HandOffScenario(first.value, values(block, "subject"), values(block, "ask"));
        } catch (IllegalArgumentException e) {
            throw new MalformedDemoFileException(source, first.line, e.getMessage());
        }
    }

    private record Entry(String key, String value, int line) {
    }

    private static List<Entry> entries(String source, String text, Set<String> allowed) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = colon > 0 ? line.substring(0, colon).strip() : "";
            if (!allowed.contains(key)) {
                throw new MalformedDemoFileException(source, i + 1, "expected one of " + allowed.stream().sorted().toList()
                        + " followed by ':' but found '" + line.strip() + "'");
            }
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty()) {
                throw new MalformedDemoFileException(source, i + 1, "'" + key + "' has no value");
            }
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                if (!Slots.NAMES.contains(placeholder.group(1))) {
                    throw new MalformedDemoFileException(source, i + 1, "unknown placeholder {" + placeholder.group(1)
                            + "}; known ones are " + Slots.NAMES);
                }
            }
            if (!key.equals("ask") && !key.equals("subject") && placeholder.reset().find()) {
                throw new MalformedDemoFileException(source, i + 1, "placeholders are allowed only in asks and subjects");
            }
            entries.add(new Entry(key, value, i + 1));
        }
        return entries;
    }

    private static List<String> values(List<Entry> entries, String key) {
        return entries.stream().filter(e -> e.key.equals(key)).map(Entry::value).toList();
    }

    private static String readResource(String name) {
        return BundledResource.read(RESOURCE_FOLDER + name);
    }
}
