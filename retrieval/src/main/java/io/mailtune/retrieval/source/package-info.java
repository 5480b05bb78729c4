/**
 * Where knowledge comes from: folders of Markdown, HTML and plain-text articles with front matter (id, title, url,
 * product, language, updated-at, key-instruction), and approved replies; both become {@link io.mailtune.retrieval.source.Article}s.
 */
package io.mailtune.retrieval.source;
