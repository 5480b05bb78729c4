package io.mailtune.retrieval.search;

import io.mailtune.retrieval.index.IndexFields;
import io.mailtune.retrieval.source.SourceType;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.Locale;

/**
 * Metadata a passage must have to be returned; null means "any".
 *
 * @param product    the product the article is about (case-insensitive)
 * @param language   ISO 639-1 code
 * @param sourceType help articles or approved replies
 */
public record SearchFilters(String product, String language, SourceType sourceType) {

    /** No restriction. */
    public static final SearchFilters NONE = new SearchFilters(null, null, null);

    /** Normalises case and turns blanks into "any". */
    public SearchFilters {
        product = product == null || product.isBlank() ? null : product.strip().toLowerCase(Locale.ROOT);
        language = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
    }

    /** Only passages of this source type. */
    public static SearchFilters ofType(SourceType type) {
        return new SearchFilters(null, null, type);
    }

    /** The same filters limited to a product. */
    public SearchFilters withProduct(String value) {
        return new SearchFilters(value, language, sourceType);
    }

    /** The same filters limited to a language. */
    public SearchFilters withLanguage(String value) {
        return new SearchFilters(product, value, sourceType);
    }

    /** A Lucene filter for these conditions, or null when there are none. */
    Query toQuery() {
        if (product == null && language == null && sourceType == null) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        if (product != null) {
            builder.add(new TermQuery(new Term(IndexFields.PRODUCT, product)), BooleanClause.Occur.FILTER);
        }
        if (language != null) {
            builder.add(new TermQuery(new Term(IndexFields.LANGUAGE, language)), BooleanClause.Occur.FILTER);
        }
        if (sourceType != null) {
            builder.add(new TermQuery(new Term(IndexFields.TYPE, sourceType.indexValue())), BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }
}
