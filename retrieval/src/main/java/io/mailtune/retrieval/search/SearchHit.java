package io.mailtune.retrieval.search;

import io.mailtune.core.reply.Citation;
import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.source.Visibility;

import java.time.Instant;
import java.util.List;

/**
 * One retrieved passage with what a draft needs to cite it and what a reviewer needs to see why it matched.
 *
 * @param citation       article id, chunk id, title and URL with heading anchor
 * @param type           help article or approved reply
 * @param heading        the heading the passage sits under
 * @param text           the passage text
 * @param highlight      the best-matching sentences with query terms marked {@code **like this**}; the passage start
 *                       when only the vector search found it
 * @param matchedTerms   query words found in the passage, lowercased; empty for a match by meaning only
 * @param product        the article's product, or null
 * @param language       the article's language
 * @param updatedAt      when the article last changed, or null
 * @param keyInstruction the article's instruction for the drafting model, or null
 * @param score          ranks and scores behind the position
 * @param visibility     public, or internal: show it to staff, never put it into a reply
 */
public record SearchHit(
        Citation citation,
        SourceType type,
        String heading,
        String text,
        String highlight,
        List<String> matchedTerms,
        String product,
        String language,
        Instant updatedAt,
        String keyInstruction,
        HitScore score,
        Visibility visibility) {

    /** Copies the term list. */
    public SearchHit {
        matchedTerms = List.copyOf(matchedTerms);
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
    }
}
