package io.mailtune.demo.brightcart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo company's help centre (Brightcart): the articles bundled under {@code io/mailtune/demo/brightcart/kb/}, listed
 * by {@code index.txt} because a jar cannot be listed portably. Immutable; articles keep index order.
 */
public final class DemoKnowledgeBase {

    /** Classpath folder of the bundled articles. */
    public static final String RESOURCE_FOLDER = "/io/mailtune/demo/brightcart/kb/";

    private static final class Bundled {
        private static final DemoKnowledgeBase INSTANCE = readBundled();
    }

    private final List<HelpArticle> articles;
    private final Map<String, HelpArticle> byId;

    private DemoKnowledgeBase(List<HelpArticle> articles) {
        Map<String, HelpArticle> index = new LinkedHashMap<>();
        for (HelpArticle article : articles) {
            if (index.putIfAbsent(article.id(), article) != null) {
                throw new IllegalArgumentException("duplicate article id '" + article.id() + "'");
            }
        }
        this.articles = List.copyOf(articles);
        this.byId = Collections.unmodifiableMap(index);
    }

    /** The bundled demo knowledge base, parsed once per class loader. */
    public static DemoKnowledgeBase load() {
        return Bundled.INSTANCE;
    }

    /** A knowledge base of the given articles; ids must be unique. */
    public static DemoKnowledgeBase of(List<HelpArticle> articles) {
        if (articles == null || articles.isEmpty()) {
            throw new IllegalArgumentException("a knowledge base needs at least one article");
        }
        return new DemoKnowledgeBase(articles);
    }

    /** Every article, in index order. */
    public List<HelpArticle> articles() {
        return articles;
    }

    /** The article ids, in index order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The number of articles. */
    public int size() {
        return articles.size();
    }

    /** The article with this id, if there is one. */
    public Optional<HelpArticle> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The article with this id; an unknown id is an error that names it. */
    public HelpArticle article(String id) {
        HelpArticle article = byId.get(id);
        if (article == null) {
            throw new IllegalArgumentException("no article with id '" + id + "' in the knowledge base");
        }
        return article;
    }

    /** The bundled file names listed in {@code index.txt}, in order. */
    public static List<String> bundledFileNames() {
        List<String> names = new ArrayList<>();
        for (String line : readResource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String readResource(String name) {
        return BundledResource.read(RESOURCE_FOLDER + name);
    }

    private static DemoKnowledgeBase readBundled() {
        List<HelpArticle> articles = new ArrayList<>();
        for (String name : bundledFileNames()) {
            HelpArticle article = HelpArticleParser.parse(name, readResource(name));
            if (!name.equals(article.id() + ".md")) {
                throw new MalformedDemoFileException(name, 0, "id '" + article.id() + "' does not match the file name");
            }
            articles.add(article);
        }
        return new DemoKnowledgeBase(articles);
    }
}
