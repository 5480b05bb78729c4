package io.mailtune.retrieval.source;

import java.util.List;
import java.util.Map;

/**
 * What a format parser found in one file, before ids and metadata are settled.
 *
 * @param metadata front-matter or {@code <meta>} values, keys lowercase
 * @param title    the title the document itself declares (first H1 or {@code <title>}), or null
 * @param sections the text by heading
 */
record ParsedDocument(Map<String, String> metadata, String title, List<Section> sections) {

    ParsedDocument {
        metadata = Map.copyOf(metadata);
        sections = List.copyOf(sections);
    }
}
