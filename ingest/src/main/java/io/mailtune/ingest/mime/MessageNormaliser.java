package io.mailtune.ingest.mime;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.ForwardedMessage;
import io.mailtune.ingest.reply.Reply;
import io.mailtune.ingest.reply.ReplyText;
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
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw RFC 822 bytes with Angus Mail into a {@link NormalisedMessage}: readable text (text/plain preferred
 * in multipart/alternative, else HTML turned into text), attachment metadata from every MIME branch (the
 * alternatives not read for text included), forwarded messages (attached {@code message/rfc822} parts and inline
 * forwards), decoded headers and the customer's own words ({@link ReplyText}). Thread-safe; one instance serves
 * every mailbox.
 */
public final class MessageNormaliser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** An XML declaration or processing instruction that some HTML-to-text converters of senders leave in text parts. */
    private static final Pattern XML_DECLARATION = Pattern.compile("<\\?xml[^>]{0,500}\\?>\\s*", Pattern.CASE_INSENSITIVE);
    private static final int MAX_DEPTH = 20;

    /** Jakarta Mail's system property naming the StreamProvider, and the one Angus Mail registers. */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // jakarta.mail-api 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path for every header
        // block and every decoded part: 40 % of normalisation time. Naming the provider that scan would find skips it.
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null && angusPresent()) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        }
    }

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

    private static boolean angusPresent() {
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, MessageNormaliser.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
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
            walk(message, 0, false, false, body);
            String fullText = body.text.toString().strip();
            String subject = subject(message);
            Reply reply = ReplyText.read(fullText, subject, from.displayName());
            List<ForwardedMessage> forwarded = new ArrayList<>(reply.forwarded());
            forwarded.addAll(body.forwarded);
            return NormalisedMessage.builder().messageId(messageId).messageIdSynthesised(synthesised).from(from)
                    .to(addresses(message, "To")).cc(addresses(message, "Cc")).replyTo(addresses(message, "Reply-To"))
                    .subject(subject).fullText(fullText).normalisedText(reply.text()).sentAt(sentAt(message))
                    .inReplyTo(firstId(headers.first("In-Reply-To"))).references(ids(headers.first("References")))
                    .attachments(body.attachments).forwarded(forwarded).headers(headers)
                    .contentHash(contentHash(headers, raw, bodyOffset)).rawSha256(rawSha).rawSize(raw.length).build();
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

    /** Collected text, attachments and attached forwarded messages. */
    private static final class Body {
        final StringBuilder text = new StringBuilder();
        final List<AttachmentInfo> attachments = new ArrayList<>();
        final List<ForwardedMessage> forwarded = new ArrayList<>();

        void addText(String part) {
            String stripped = (part.contains("<?") ? XML_DECLARATION.matcher(part).replaceAll("") : part).strip();
            if (!stripped.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(stripped);
            }
        }

        /** Records an attachment once: the same file in two alternatives of one message is one attachment. */
        void addAttachment(AttachmentInfo attachment) {
            boolean known = attachment.sha256() != null && attachments.stream().anyMatch(a -> attachment.sha256().equals(a.sha256())
                    && Objects.equals(attachment.fileName(), a.fileName()));
            if (!known) {
                attachments.add(attachment);
            }
        }
    }

    /**
     * Collects text and attachments of a part. In a multipart/alternative only the preferred alternative gives text;
     * the others are walked too, {@code attachmentsOnly}, so that an image beside the HTML of a multipart/related
     * is recorded even when the plain text is read.
     */
    private void walk(Part part, int depth, boolean inRelated, boolean attachmentsOnly, Body body)
            throws MessagingException, IOException, RejectedMessageException {
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
                Part preferred = preferred(multipart);
                for (int i = 0; i < multipart.getCount(); i++) {
                    Part alternative = multipart.getBodyPart(i);
                    walk(alternative, depth + 1, inRelated, attachmentsOnly || alternative != preferred, body);
                }
            } else {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), depth + 1, sub.equals("related"), attachmentsOnly, body);
                }
            }
            return;
        }
        boolean attachment = "attachment".equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && (base.equals("text/plain") || base.equals("text/html") || base.startsWith("multipart/"))) {
            if (!attachmentsOnly) {
                body.addText(readText(part, type, base.equals("text/html")));
            }
            return;
        }
        boolean inline = "inline".equalsIgnoreCase(disposition) || (inRelated && part.getHeader("Content-ID") != null);
        if (base.equals("message/rfc822") && !attachmentsOnly) {
            forwardedMessage(part, depth, body);
        }
        boolean mayBeZip = base.contains("zip") || base.equals("application/octet-stream")
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".zip"));
        InputStream decoded;
        try {
            decoded = part.getInputStream();
        } catch (MessagingException | IOException undecodable) {
            body.addAttachment(new AttachmentInfo(fileName, base, 0, null, inline));
            return;
        }
        AttachmentInspection.Result read = AttachmentInspection.read(decoded, limits.maxAttachmentBytes(), mayBeZip);
        if (read.zipBytes() != null) {
            AttachmentInspection.checkZip(read.zipBytes(), fileName, limits);
        }
        body.addAttachment(new AttachmentInfo(fileName, base, read.size(), read.sha256(), inline));
    }

    /**
     * An attached message becomes a forwarded message (its sender, date, subject and text); its own attachments
     * are recorded with the others. One that cannot be read stays an attachment only.
     */
    private void forwardedMessage(Part part, int depth, Body body) throws RejectedMessageException {
        try {
            if (!(part.getContent() instanceof MimeMessage inner)) {
                return;
            }
            Body innerBody = new Body();
            walk(inner, depth + 1, false, false, innerBody);
            String[] date = inner.getHeader("Date");
            body.forwarded.add(new ForwardedMessage(decodeHeader(inner.getHeader("From", ", ")), date == null ? null : decodeHeader(date[0]),
                    sentAt(inner), subject(inner), innerBody.text.toString().strip()));
            body.forwarded.addAll(innerBody.forwarded);
            innerBody.attachments.forEach(body::addAttachment);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // The raw message keeps it; as an attachment it is still recorded below.
        }
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
