package io.mailtune.agent.embedded;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Demo customer mail for the embedded mailbox, from the demo company's seeded generator: the same messages on every
 * start (fixed Message-IDs and dates), so a restart's re-read is deduplicated by ingest.
 */
public final class DemoMail {

    private static final Instant FIRST = Instant.parse("2026-11-30T08:00:00Z");

    private DemoMail() {
    }

    /**
     * Starts the embedded mail server on the given loopback ports with the demo support mailbox holding {@code count}
     * demo customer emails.
     */
    public static EmbeddedMailServer startServer(int imapPort, int smtpPort, int count) {
        EmbeddedMailServer server = EmbeddedMailServer.start(imapPort, smtpPort);
        server.addUser(DemoCompany.SUPPORT_ADDRESS, DemoCompany.SUPPORT_PASSWORD);
        for (byte[] message : messages(count)) {
            server.deliver(DemoCompany.SUPPORT_ADDRESS, message);
        }
        return server;
    }

    /** {@code count} RFC 822 messages to the demo support address. */
    public static List<byte[]> messages(int count) {
        List<byte[]> out = new ArrayList<>();
        List<SupportCase> cases = SupportCaseGenerator.demo().generate(DemoSeeds.HOLDOUT, count);
        for (int i = 0; i < cases.size(); i++) {
            out.add(rfc822(cases.get(i), Date.from(FIRST.plusSeconds(600L * i))));
        }
        return out;
    }

    private static byte[] rfc822(SupportCase c, Date sent) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + c.caseId() + "@customers.brightcart.example>");
                }
            };
            m.setFrom(new InternetAddress(c.customerEmail(), c.customerName(), "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoCompany.SUPPORT_ADDRESS));
            m.setSubject(c.subject(), "UTF-8");
            m.setSentDate(sent);
            m.setText(c.body(), "UTF-8");
            m.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write demo case " + c.caseId() + " as a message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
