package io.mailtune.retrieval.source;

import io.mailtune.core.id.Hashing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Markdown, HTML or plain-text file into an {@link Article}, or rejects it with a message naming the file.
 * Limits keep one bad file from costing minutes of encoding: a cap on bytes read and on extracted characters.
 */
public final class ArticleReader {

    /** File name endings this reader understands. */
    public static final Set<String> EXTENSIONS = Set.of("md", "markdown", "html", "htm", "txt", "text");

    private final String origin;
    private final String defaultLanguage;
    private final long maxFileBytes;
    private final int maxTextChars;
    private final String pipelineFingerprint;

    /**
     * Creates a reader.
     *
     * @param origin              the source name recorded on every article
     * @param defaultLanguage     language for articles that declare none
     * @param maxFileBytes        larger files are rejected unread
     * @param maxTextChars        articles with more extracted text are rejected
     * @param pipelineFingerprint mixed into content hashes so a change of chunking or encoder re-indexes everything
     */
    public ArticleReader(String origin, String defaultLanguage, long maxFileBytes, int maxTextChars, String pipelineFingerprint) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin must not be blank");
        }
        if (defaultLanguage == null || defaultLanguage.isBlank()) {
            throw new IllegalArgumentException("defaultLanguage must not be blank");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
        if (maxTextChars <= 0) {
            throw new IllegalArgumentException("maxTextChars must be positive, was " + maxTextChars);
        }
        if (pipelineFingerprint == null) {
            throw new IllegalArgumentException("pipelineFingerprint must not be null");
        }
        this.origin = origin;
        this.defaultLanguage = defaultLanguage.toLowerCase(Locale.ROOT);
        this.maxFileBytes = maxFileBytes;
        this.maxTextChars = maxTextChars;
        this.pipelineFingerprint = pipelineFingerprint;
    }

    /** The source name recorded on every article this reader makes. */
    public String origin() {
        return origin;
    }

    /** True when the file name has an extension this reader parses. */
    public static boolean isArticleFile(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /**
     * Reads and parses one file.
     *
     * @param file         the file
     * @param relativePath its path inside the source folder, with {@code /} separators; the default article id
     */
    public Article read(Path file, String relativePath) throws ArticleRejectedException {
        byte[] bytes = readBytes(file);
        String text = decode(file, bytes);
        if (text.isBlank()) {
            throw new ArticleRejectedException(file + ": the article is empty");
        }
        String ext = extension(file);
        ParsedDocument parsed = switch (ext) {
            case "md", "markdown" -> MarkdownParser.parse(text);
            case "html", "htm" -> HtmlParser.parse(text);
            default -> PlainTextParser.parse(text);
        };
        Map<String, String> meta = parsed.metadata();
        int chars = parsed.sections().stream().mapToInt(Section::textLength).sum();
        if (chars == 0) {
            throw new ArticleRejectedException(file + ": the article has no text once markup and front matter are removed");
        }
        if (chars > maxTextChars) {
            throw new ArticleRejectedException(file + ": the article has " + chars + " characters of text, more than the limit of "
                    + maxTextChars + "; split it into smaller articles or raise the limit");
        }
        String id = firstNonBlank(meta.get("id"), stripExtension(relativePath));
        String title = firstNonBlank(meta.get("title"), parsed.title(), stripExtension(file.getFileName().toString()));
        String language = firstNonBlank(meta.get("language"), meta.get("lang"), defaultLanguage).toLowerCase(Locale.ROOT);
        if (language.length() > 2 && (language.charAt(2) == '-' || language.charAt(2) == '_')) {
            language = language.substring(0, 2);
        }
        Instant updatedAt = parseDate(file, firstNonBlank(meta.get("updated-at"), meta.get("updated"), meta.get("last-modified"), meta.get("date")));
        Visibility visibility;
        try {
            visibility = Visibility.parse(meta.get("visibility"));
        } catch (IllegalArgumentException e) {
            throw new ArticleRejectedException(file + ": " + e.getMessage());
        }
        String hash = Hashing.sha256Hex(pipelineFingerprint + "\n" + Hashing.sha256Hex(bytes));
        return new Article(id, SourceType.ARTICLE, origin, relativePath, title, emptyToNull(meta.get("url")),
                emptyToNull(meta.get("product")), language, updatedAt, emptyToNull(meta.get("key-instruction")), hash,
                parsed.sections(), visibility);
    }

    private byte[] readBytes(Path file) throws ArticleRejectedException {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new ArticleRejectedException(file + ": the file is " + size + " bytes, more than the limit of " + maxFileBytes);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArticleRejectedException(file + ": the file cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static String decode(Path file, byte[] bytes) throws ArticleRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ArticleRejectedException(file + ": the file is not valid UTF-8 text; save it as UTF-8", e);
        }
    }

    private static Instant parseDate(Path file, String value) throws ArticleRejectedException {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ArticleRejectedException(file + ": updated-at '" + value + "' is not a date like 2026-03-01 or 2026-03-01T09:30:00Z", e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stripExtension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
