package io.mailtune.demo.synthetic;

import io.mailtune.model.draft.Passage;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.source.Visibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The project's real hybrid retrieval over synthetic companies: every company's articles are indexed as Markdown
 * files under their own origin and product (the company id), and searches are filtered to one company, so each
 * email gets the passages the agent would retrieve for it, distractors included.
 */
public final class CompanyIndex implements AutoCloseable {

    private final Path root;
    private final KnowledgeBase kb;

    /** Opens (or creates) the index in {@code dir}. */
    public CompanyIndex(Path dir, SentenceEncoder encoder) {
        this.root = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        this.kb = KnowledgeBase.open(dir.resolve("index"), encoder);
    }

    /** Indexes a company's articles (unchanged files cost nothing on a rerun). */
    public void add(SyntheticCompany company) {
        Path folder = root.resolve("kb").resolve(company.id());
        try {
            Files.createDirectories(folder);
            for (SyntheticArticle a : company.articles()) {
                Files.writeString(folder.resolve(a.id() + ".md"), a.markdown());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the articles of " + company.id(), e);
        }
        kb.indexFolder(folder, company.id());
    }

    /**
     * The top {@code k} passages for an email to {@code companyId}, with the best one's whole article and the whole
     * article of each of {@code questions} searched alone ({@link #draftPassages}).
     */
    public List<Passage> search(String companyId, String query, List<String> questions, int k) {
        SearchFilters filters = SearchFilters.NONE.withProduct(companyId);
        return draftPassages(kb.searchForDraft(query, questions, filters, k), Set.of());
    }

    /**
     * The public passages of {@code hits} (as {@link #passages}) a draft is written from, in their order: the search
     * ({@link io.mailtune.retrieval.search.KnowledgeBase#searchForDraft}) already chose and capped them.
     */
    public static List<Passage> draftPassages(List<SearchHit> hits, Set<String> internalArticles) {
        return passages(hits, internalArticles).stream().filter(p -> !p.internal()).toList();
    }

    /**
     * Search hits as drafter passages; internal hits (the article's {@code visibility: internal}, or an article in
     * {@code internalArticles}) are marked internal, so the draft input drops them. A passage the vector search did
     * not return has similarity 0.
     */
    public static List<Passage> passages(List<SearchHit> hits, Set<String> internalArticles) {
        return hits.stream().map(h -> new Passage(h.citation().articleId(), h.citation().chunkId(), h.citation().title(),
                h.citation().url(), h.text(), h.score().fused(),
                Float.isNaN(h.score().vectorSimilarity()) ? 0 : h.score().vectorSimilarity(),
                h.visibility() == Visibility.INTERNAL || internalArticles.contains(h.citation().articleId()))).toList();
    }

    @Override
    public void close() {
        kb.close();
    }
}
