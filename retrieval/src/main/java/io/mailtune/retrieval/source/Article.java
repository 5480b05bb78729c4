package io.mailtune.retrieval.source;

import java.time.Instant;
import java.util.List;

/**
 * One piece of knowledge ready to chunk and index: a help article or an approved reply.
 *
 * @param id             stable id, unique within its {@link SourceType}
 * @param type           which kind of source it came from
 * @param origin         the source it belongs to (a folder, or {@code approved-replies}); deletions are per origin
 * @param path           the file it was read from relative to the origin, or the reply id
 * @param title          title shown to reviewers
 * @param url            public URL, or null when the article has none
 * @param product        the product it is about, or null
 * @param language       ISO 639-1 language code, lowercase
 * @param updatedAt      when the article was last changed, or null when unknown
 * @param keyInstruction one instruction the drafting model must follow when it uses this article, or null
 * @param contentHash    SHA-256 over the raw content and the indexing pipeline, so unchanged articles are skipped
 * @param sections       the article's text by heading, in reading order
 * @param visibility     public, or internal (staff only: never put into a reply)
 */
public record Article(
        String id,
        SourceType type,
        String origin,
        String path,
        String title,
        String url,
        String product,
        String language,
        Instant updatedAt,
        String keyInstruction,
        String contentHash,
        List<Section> sections,
        Visibility visibility) {

    /** Validates required fields and copies the sections. */
    public Article {
        requireText(id, "id");
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        requireText(origin, "origin");
        requireText(path, "path");
        requireText(title, "title");
        requireText(language, "language");
        requireText(contentHash, "contentHash");
        sections = List.copyOf(sections);
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
        if (sections.stream().allMatch(s -> s.blocks().isEmpty())) {
            throw new IllegalArgumentException("article '" + id + "' has no text");
        }
    }

    /** The key that identifies this article in the index across source types and origins. */
    public String key() {
        return key(type, origin, id);
    }

    /** The index key of the article with this type, origin and id. */
    public static String key(SourceType type, String origin, String id) {
        return type.indexValue() + "|" + origin + "|" + id;
    }

    /** Characters of text in the article. */
    public int textLength() {
        return sections.stream().mapToInt(Section::textLength).sum();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
