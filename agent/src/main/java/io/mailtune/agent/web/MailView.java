package io.mailtune.agent.web;

import io.mailtune.agent.api.EmailView;

import java.util.List;
import java.util.Locale;

/**
 * A customer's email as the desk shows it: the new words as escaped text, the quoted history folded, the formatted
 * original (sanitised, in a sandboxed frame) on request, the files as downloads, the raw message on demand.
 *
 * @param emailId     the email
 * @param sender      the sender's name, or address
 * @param address     the sender's address
 * @param to          the recipients
 * @param subject     the subject
 * @param received    how long ago it arrived
 * @param receivedAt  when, in full
 * @param newText     the customer's own new words
 * @param fullText    the whole body with the quoted history, or null when there is none
 * @param html        whether it has a formatted (HTML) version
 * @param bodyUrl     the sanitised formatted version's address (for the frame)
 * @param files       its attachments
 * @param rawUrl      the original's download
 * @param originalUrl the original shown as text
 * @param flags       why it gets no draft, if flagged
 * @param language    the language the customer wrote in, in words, or empty when unsure
 */
public record MailView(String emailId, String sender, String address, String to, String subject, String received,
                       String receivedAt, String newText, String fullText, boolean html, String bodyUrl, List<File> files,
                       String rawUrl, String originalUrl, List<String> flags, String language) {

    /**
     * A file of the email.
     *
     * @param name  its name
     * @param type  its declared type
     * @param size  its size in words
     * @param url   its download
     * @param image a raster image the page may show as a thumbnail
     */
    public record File(String name, String type, String size, String url, boolean image) {
    }

    static File file(EmailView.AttachmentView a, boolean image) {
        return new File(a.fileName(), a.contentType(), size(a.sizeBytes()), a.url(), image);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** A language code's English name ("de" → "German"), or the code when Java does not know it. */
    static String languageName(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }
}
