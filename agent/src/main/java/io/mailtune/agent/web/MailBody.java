package io.mailtune.agent.web;

import io.mailtune.ingest.mime.TextDecoding;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The HTML body of a stored message and the images it carries itself ({@code cid:} parts), read from the raw original
 * for the desk's formatted view. Images become {@code data:} URIs, so the view never makes a request, not even to the
 * desk; only raster types, and only up to {@link #MAX_IMAGE_BYTES} each and {@link #MAX_IMAGES_BYTES} in all.
 *
 * @param html   the decoded HTML part (charset as declared, or detected where mislabelled), or null for plain mail
 * @param images {@code data:} URIs by Content-ID (without angle brackets)
 */
public record MailBody(String html, Map<String, String> images) {

    static final int MAX_HTML_BYTES = 2 * 1024 * 1024;
    static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    static final int MAX_IMAGES_BYTES = 8 * 1024 * 1024;
    private static final Set<String> RASTER = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** Copies the image map. */
    public MailBody {
        images = Map.copyOf(images);
    }

    /** The formatted body of a raw message; empty when it is not readable MIME. */
    public static Optional<MailBody> of(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String[] html = new String[1];
            Map<String, String> images = new HashMap<>();
            walk(message, html, images, new int[1], 0);
            return Optional.of(new MailBody(html[0], images));
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void walk(Part part, String[] html, Map<String, String> images, int[] imageBytes, int depth)
            throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, html, images, imageBytes, depth + 1);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        ContentType type = new ContentType(part.getContentType() == null ? "text/plain" : part.getContentType());
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.equals("text/html") && !attached && html[0] == null) {
            try (InputStream in = part.getInputStream()) {
                html[0] = TextDecoding.decodeHtml(in.readNBytes(MAX_HTML_BYTES), type.getParameter("charset"));
            }
            return;
        }
        String[] ids = part instanceof BodyPart b ? b.getHeader("Content-ID") : null;
        if (RASTER.contains(base) && ids != null && ids.length > 0) {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
                if (bytes.length <= MAX_IMAGE_BYTES && imageBytes[0] + bytes.length <= MAX_IMAGES_BYTES) {
                    imageBytes[0] += bytes.length;
                    images.put(contentId(ids[0]), "data:" + base + ";base64," + Base64.getEncoder().encodeToString(bytes));
                }
            }
        }
    }

    /** A Content-ID without its angle brackets, as {@code cid:} URLs name it. */
    static String contentId(String header) {
        String id = header.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }
}
