package io.mailtune.agent.flow;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** Raw customer messages for the tests, and reading what the agent sent. */
final class TestMail {

    private TestMail() {
    }

    /** A customer's message; {@code inReplyTo} (or null) threads it. */
    static byte[] customer(String from, String subject, String text, String messageId, String inReplyTo, Map<String, String> headers) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setFrom(new InternetAddress(from));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(AgentTestResources.SUPPORT));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", inReplyTo);
                m.setHeader("References", inReplyTo);
            }
            headers.forEach((k, v) -> {
                try {
                    m.setHeader(k, v);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            m.setText(text, "UTF-8");
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh Message-ID. */
    static String newMessageId() {
        return "<" + UUID.randomUUID() + "@customer.example>";
    }

    /** Parses a raw message. */
    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
