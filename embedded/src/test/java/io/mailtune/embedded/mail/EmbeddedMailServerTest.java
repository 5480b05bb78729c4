package io.mailtune.embedded.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMailServerTest {

    @Test
    void aDeliveredMessageIsReadOverImapAndMailSentOverSmtpIsKeptForTheRecipient() throws Exception {
        try (EmbeddedMailServer server = EmbeddedMailServer.start(0, 0)) {
            server.addUser("support@acme.example", "secret");
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("ada@example.com"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@acme.example"));
            m.setSubject("Refund");
            m.setText("Where is my refund?");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            server.deliver("support@acme.example", raw.toByteArray());

            Properties imap = new Properties();
            imap.put("mail.imap.host", "127.0.0.1");
            imap.put("mail.imap.port", String.valueOf(server.imapPort()));
            try (Store store = Session.getInstance(imap).getStore("imap")) {
                store.connect("support@acme.example", "secret");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertEquals(1, inbox.getMessageCount());
                assertEquals("Refund", inbox.getMessage(1).getSubject());
            }

            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(server.smtpPort()));
            MimeMessage reply = new MimeMessage(Session.getInstance(smtp));
            reply.setFrom(new InternetAddress("support@acme.example"));
            reply.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            reply.setSubject("Re: Refund");
            reply.setText("It is on its way.");
            Transport.send(reply);
            assertEquals(1, server.messagesFor("ada@example.com").size());
            assertTrue(new String(server.messagesFor("ada@example.com").getFirst()).contains("It is on its way."));
        }
    }

    @Test
    void deliveringToAnUnknownMailboxOrOnABadPortIsRefusedWithTheReason() {
        try (EmbeddedMailServer server = EmbeddedMailServer.start(0, 0)) {
            var e = assertThrows(IllegalArgumentException.class, () -> server.deliver("nobody@acme.example", new byte[0]));
            assertTrue(e.getMessage().contains("nobody@acme.example"));
        }
        assertThrows(IllegalArgumentException.class, () -> EmbeddedMailServer.start(70000, 0));
    }
}
