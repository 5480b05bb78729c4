package io.mailtune.ingest.smtp;

import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.TokenRevokedException;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.thread.SubjectKey;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends approved replies over SMTP so that they thread in the customer's client: In-Reply-To and References of the
 * message answered, one "Re:" however many prefixes the subject had, From and Reply-To of the support address, and a
 * Message-ID generated and recorded here, so the customer's answer joins the thread. A reply id is sent at most once.
 */
public final class ReplySender {

    /** How many References are kept: the first (thread root) and the most recent. */
    private static final int MAX_REFERENCES = 20;

    private final SmtpConfig config;
    private final SentReplies sent;

    /** A sender through the configured server, recording into {@code sent}. */
    public ReplySender(SmtpConfig config, SentReplies sent) {
        if (config == null || sent == null) {
            throw new IllegalArgumentException("config and sent are required");
        }
        this.config = config;
        this.sent = sent;
    }

    /** Sends the reply unless its id was sent (or is being sent) already. */
    public SendResult send(OutboundReply reply) {
        String subject = replySubject(reply.originalSubject());
        String domain = config.from().address().substring(config.from().address().lastIndexOf('@') + 1);
        String messageId = "<" + Ids.newId() + "@" + domain + ">";
        var claimed = sent.claim(reply, messageId, subject);
        if (claimed.isPresent()) {
            return new SendResult.AlreadyHandled(claimed.get().messageId(), claimed.get().status());
        }
        // A retried reply keeps the Message-ID recorded at its first claim.
        String recordedId = sent.find(reply.replyId()).orElseThrow().messageId();
        try {
            MimeMessage message = compose(reply, subject, recordedId);
            transport(message);
            sent.mark(reply.replyId(), SentReplies.SENT, null);
            return new SendResult.Sent(recordedId);
        } catch (MessagingException | IOException | TokenRevokedException | RuntimeException e) {
            sent.mark(reply.replyId(), SentReplies.FAILED, e.toString());
            throw new IllegalStateException("reply " + reply.replyId() + " could not be sent through " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** "Re: " plus the subject without any stacked reply or forward prefixes. */
    public static String replySubject(String original) {
        String bare = SubjectKey.strip(original == null ? "" : original).strip();
        return "Re: " + bare;
    }

    /** The References of a reply: the answered message's References plus its own id, capped but keeping the root. */
    static List<String> references(OutboundReply reply) {
        List<String> refs = new ArrayList<>(reply.originalReferences());
        if (reply.inReplyTo() != null && !refs.contains(reply.inReplyTo())) {
            refs.add(reply.inReplyTo());
        }
        if (refs.size() > MAX_REFERENCES) {
            List<String> capped = new ArrayList<>();
            capped.add(refs.get(0));
            capped.addAll(refs.subList(refs.size() - (MAX_REFERENCES - 1), refs.size()));
            return capped;
        }
        return refs;
    }

    private MimeMessage compose(OutboundReply reply, String subject, String messageId) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(address(config.from()));
        message.setReplyTo(new InternetAddress[]{address(config.effectiveReplyTo())});
        message.setRecipient(Message.RecipientType.TO, address(reply.to()));
        for (EmailAddress cc : reply.cc()) {
            message.addRecipient(Message.RecipientType.CC, address(cc));
        }
        message.setSubject(subject, "UTF-8");
        if (reply.inReplyTo() != null) {
            message.setHeader("In-Reply-To", reply.inReplyTo());
        }
        List<String> refs = references(reply);
        if (!refs.isEmpty()) {
            message.setHeader("References", String.join(" ", refs));
        }
        message.setHeader(TrafficClassifier.REPLY_ID_HEADER, reply.replyId());
        // Asks Exchange and Outlook not to answer our reply with an out-of-office message (loop prevention).
        message.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
        message.setSentDate(new Date());
        message.setText(reply.text(), "UTF-8");
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(EmailAddress a) throws UnsupportedEncodingException {
        return new InternetAddress(a.address(), a.displayName(), "UTF-8");
    }

    private String protocol() {
        return config.security() == TransportSecurity.TLS ? "smtps" : "smtp";
    }

    private Session session() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol());
        props.setProperty(p + "host", config.host());
        props.setProperty(p + "port", Integer.toString(config.port()));
        props.setProperty(p + "connectiontimeout", "15000");
        props.setProperty(p + "timeout", "60000");
        props.setProperty(p + "writetimeout", "60000");
        props.setProperty(p + "auth", Boolean.toString(config.auth() != null));
        config.security().configure(props, p, config.trustedTlsHosts());
        if (config.auth() instanceof ImapAuth.OAuth2) {
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        }
        return Session.getInstance(props);
    }

    private void transport(MimeMessage message) throws MessagingException, IOException, TokenRevokedException {
        try (Transport transport = message.getSession().getTransport(protocol())) {
            if (config.auth() == null) {
                transport.connect();
            } else {
                String secret = switch (config.auth()) {
                    case ImapAuth.Password p -> p.password();
                    case ImapAuth.OAuth2 o -> o.tokens().token().value();
                };
                transport.connect(config.host(), config.port(), config.username(), secret);
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
