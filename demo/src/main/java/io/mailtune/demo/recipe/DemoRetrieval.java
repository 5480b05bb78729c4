package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;

import java.nio.file.Path;

/** The demo company's help centre in the project's hybrid index, as the agent would search it. */
public final class DemoRetrieval {

    private DemoRetrieval() {
    }

    /** Opens (or builds) the demo index under {@code dir}; unchanged articles are not re-indexed. */
    public static KnowledgeBase open(Path dir, SentenceEncoder encoder) {
        KnowledgeBase kb = KnowledgeBase.open(dir.resolve("demo-index"), encoder);
        kb.indexFolder(DemoArticles.copyTo(dir.resolve("demo-kb")), "demo");
        return kb;
    }
}
