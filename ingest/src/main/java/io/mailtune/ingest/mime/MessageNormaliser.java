package io.mailtune.ingest.mime;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw RFC 822 bytes with Angus Mail into a {@link NormalisedMessage}: readable text (text/plain preferred
 * in multipart/alternative, else HTML turned into text), attachment metadata, decoded headers and the customer's
 * own words. Thread-safe; one instance serves every mailbox.
 */
public final class MessageNormaliser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_DEPTH = 20;

    private final MessageLimits limits;
    private final Session session;

    /** A normaliser with the given limits. */
    public MessageNormaliser(MessageLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        this.limits = limits;
        Properties props = new Properties();
        // Real mail breaks the RFCs: read 8-bit UTF-8 headers, lenient addresses, parameters and encoded words,
        // and decode what is decodable of broken base64 instead of failing the whole part.
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.contenttypehandler", "");
        this.session = Session.getInstance(props);
    }

    /** Normalises a raw message or explains, in the exception, why it cannot be. */
    public NormalisedMessage normalise(byte[] raw) throws RejectedMessageException {
        if (raw.length > limits.maxMessageBytes()) {
            throw new RejectedMessageException(RejectionReason.TOO_LARGE, "message is " + raw.length + " bytes; at most "
                    + limits.maxMessageBytes() + " are accepted");
        }
        int bodyOffset = HeaderSection.bodyOffset(raw, limits.maxHeaderLineBytes());
        int start = HeaderSection.skipMboxFromLine(raw);
        String rawSha = Hashing.sha256Hex(raw);
        try {
            MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(raw, start, raw.length - start));
            MailHeaders headers = headers(message);
            EmailAddress from = sender(message, headers);
            String messageId = firstId(headers.first("Message-ID"));
            boolean synthesised = messageId == null || messageId.length() > 998;
            if (synthesised) {
                messageId = "<" + rawSha + "@mailtune.invalid>";
            }
            Body body = new Body();
            walk(message, 0, false, body);
            String fullText = body.text.toString().strip();
            return new NormalisedMessage(messageId, synthesised, from, addresses(message, "To"), addresses(message, "Cc"),
                    addresses(message, "Reply-To"), subject(message), fullText, ReplyText.customerWords(fullText),
                    sentAt(message), firstId(headers.first("In-Reply-To")), ids(headers.first("References")),
                    body.attachments, headers, contentHash(headers, raw, bodyOffset), rawSha, raw.length);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new RejectedMessageException(RejectionReason.MALFORMED, "cannot parse: " + e);
        }
    }

    private static MailHeaders headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            values.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(decodeHeader(header.getValue()));
        }
        return new MailHeaders(values);
    }

    private static String decodeHeader(String value) {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value).strip();
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    private static EmailAddress sender(MimeMessage message, MailHeaders headers) throws RejectedMessageException {
        for (String name : List.of("From", "Sender", "Return-Path")) {
            List<EmailAddress> found = addresses(headers.first(name));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        throw new RejectedMessageException(RejectionReason.NO_SENDER, "no usable address in From, Sender or Return-Path (From: '"
                + headers.first("From") + "')");
    }

    private static List<EmailAddress> addresses(MimeMessage message, String header) throws MessagingException {
        String raw = message.getHeader(header, ",");
        return raw == null ? List.of() : addresses(raw);
    }

    private static List<EmailAddress> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<EmailAddress> out = new ArrayList<>();
        try {
            for (Address address : InternetAddress.parseHeader(MimeUtility.unfold(value), false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    try {
                        out.add(new EmailAddress(internet.getAddress(), internet.getPersonal()));
                    } catch (IllegalArgumentException unusable) {
                        // An address without a domain (a list name, "undisclosed-recipients") says nothing about who wrote.
                    }
                }
            }
        } catch (AddressException unparseable) {
            Matcher bare = Pattern.compile("[^\\s<>\"',;]+@[^\\s<>\"',;]+").matcher(value);
            while (bare.find()) {
                out.add(EmailAddress.of(bare.group()));
            }
        }
        return out;
    }

    private static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static Instant sentAt(MimeMessage message) {
        try {
            java.util.Date date = message.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    static String firstId(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        if (m.find()) {
            return m.group();
        }
        String bare = value.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : "<" + bare + ">";
    }

    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            Matcher m = MESSAGE_ID.matcher(value);
            while (m.find()) {
                if (!out.contains(m.group()) && m.group().length() <= 998) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    /** Sender, date, subject and the body bytes: unchanged by relays adding Received headers. */
    private static String contentHash(MailHeaders headers, byte[] raw, int bodyOffset) {
        MessageDigest digest = Hashing.newDigest();
        for (String name : List.of("From", "Date", "Subject")) {
            String value = headers.first(name);
            digest.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(raw, bodyOffset, raw.length - bodyOffset);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Collected text and attachments. */
    private static final class Body {
        final StringBuilder text = new StringBuilder();
        final List<AttachmentInfo> attachments = new ArrayList<>();

        void addText(String part) {
            String stripped = part.strip();
            if (!stripped.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(stripped);
            }
        }
    }

    private void walk(Part part, int depth, boolean inRelated, Body body) throws MessagingException, IOException, RejectedMessageException {
        ContentType type = contentType(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (depth > MAX_DEPTH) {
            throw new RejectedMessageException(RejectionReason.MALFORMED, "MIME parts nest deeper than " + MAX_DEPTH + " levels");
        }
        String disposition = safeDisposition(part);
        String fileName = safeFileName(part);
        if (base.startsWith("multipart/") && part.getContent() instanceof Multipart multipart) {
            String sub = type.getSubType().toLowerCase(Locale.ROOT);
            if (sub.equals("alternative")) {
                walk(preferred(multipart), depth + 1, inRelated, body);
            } else {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), depth + 1, sub.equals("related"), body);
                }
            }
            return;
        }
        boolean attachment = "attachment".equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && (base.equals("text/plain") || base.equals("text/html") || base.startsWith("multipart/"))) {
            body.addText(readText(part, type, base.equals("text/html")));
            return;
        }
        boolean inline = "inline".equalsIgnoreCase(disposition) || (inRelated && part.getHeader("Content-ID") != null);
        boolean mayBeZip = base.contains("zip") || base.equals("application/octet-stream")
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".zip"));
        InputStream decoded;
        try {
            decoded = part.getInputStream();
        } catch (MessagingException | IOException undecodable) {
            body.attachments.add(new AttachmentInfo(fileName, base, 0, null, inline));
            return;
        }
        AttachmentInspection.Result read = AttachmentInspection.read(decoded, limits.maxAttachmentBytes(), mayBeZip);
        if (read.zipBytes() != null) {
            AttachmentInspection.checkZip(read.zipBytes(), fileName, limits);
        }
        body.attachments.add(new AttachmentInfo(fileName, base, read.size(), read.sha256(), inline));
    }

    /** text/plain when it has words, else HTML (or a related/mixed part holding it), else the last alternative. */
    private static Part preferred(Multipart alternatives) throws MessagingException {
        Part plain = null;
        Part rich = null;
        for (int i = 0; i < alternatives.getCount(); i++) {
            Part candidate = alternatives.getBodyPart(i);
            String base = contentType(candidate).getBaseType().toLowerCase(Locale.ROOT);
            if (base.equals("text/plain") && plain == null && candidate.getSize() != 0) {
                plain = candidate;
            } else if ((base.equals("text/html") || base.startsWith("multipart/")) && rich == null) {
                rich = candidate;
            }
        }
        if (plain != null) {
            return plain;
        }
        return rich != null ? rich : alternatives.getBodyPart(alternatives.getCount() - 1);
    }

    private String readText(Part part, ContentType type, boolean html) throws MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(limits.maxTextBytes());
        } catch (IOException partlyUndecodable) {
            bytes = new byte[0];
        }
        String charset = type.getParameter("charset");
        return html ? HtmlText.toText(TextDecoding.decodeHtml(bytes, charset)) : TextDecoding.decode(bytes, charset);
    }

    private static ContentType contentType(Part part) {
        try {
            String header = part.getContentType();
            return new ContentType(header == null ? "text/plain" : header);
        } catch (MessagingException | RuntimeException unparseable) {
            // A garbled Content-Type on a body is still most likely text; anything else stays an opaque attachment.
            String header = safeHeader(part);
            boolean text = header != null && header.toLowerCase(Locale.ROOT).contains("text/");
            return text ? new ContentType("text", "plain", null) : new ContentType("application", "octet-stream", null);
        }
    }

    private static String safeHeader(Part part) {
        try {
            String[] values = part.getHeader("Content-Type");
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException unparseable) {
            return null;
        }
    }

    private static String safeFileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException unparseable) {
            return null;
        }
    }
}
