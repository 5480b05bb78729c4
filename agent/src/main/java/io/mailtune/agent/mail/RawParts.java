package io.mailtune.agent.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The parts of a raw message a reviewer may open: attachments and inline files, in MIME order, read straight from the
 * stored original (nothing is rendered; the desk offers them as downloads).
 */
public final class RawParts {

    /** The most bytes of one attachment served. */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    /**
     * One file in a message.
     *
     * @param index       its position among the message's files, from 0
     * @param fileName    the declared file name, or {@code attachment-N}
     * @param contentType the declared MIME type, lowercase, without parameters
     * @param inline      declared inline (such as a signature image)
     * @param bytes       the decoded content
     */
    public record File(int index, String fileName, String contentType, boolean inline, byte[] bytes) {
    }

    private RawParts() {
    }

    /** Every attachment and inline file of the message, in MIME order. */
    public static List<File> files(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            List<File> out = new ArrayList<>();
            walk(message, out, 0);
            return out;
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("the stored message cannot be read as MIME: " + e.getMessage(), e);
        }
    }

    private static void walk(Part part, List<File> out, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, out, depth + 1);
            }
            return;
        }
        String disposition = part.getDisposition();
        boolean named = part.getFileName() != null;
        boolean text = part.isMimeType("text/plain") || part.isMimeType("text/html");
        if (!named && (text || disposition == null)) {
            return;  // a body part, shown as text
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            String type = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            String name = named ? part.getFileName() : "attachment-" + out.size();
            out.add(new File(out.size(), name, type, Part.INLINE.equalsIgnoreCase(disposition), bytes));
        }
    }
}
