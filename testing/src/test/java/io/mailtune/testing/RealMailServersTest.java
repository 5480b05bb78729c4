package io.mailtune.testing;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealMailServersTest {

    @TempDir
    static Path dir;
    static RealMailServers servers;

    @BeforeAll
    static void start() {
        servers = RealMailServers.start(dir);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aMessageSentOverSmtpIsReadOverImap() throws Exception {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress("customer@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(RealMailServers.address("support")));
        message.setSubject("Parcel never arrived");
        message.setText("Order 1234 has not arrived yet.");
        message.saveChanges();
        String messageId = message.getMessageID();

        try (Transport transport = message.getSession().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        try (Store store = imapStore()) {
            Folder inbox = store.getFolder("INBOX");
            Message received = awaitMessage(inbox, 1);
            assertEquals("Parcel never arrived", received.getSubject());
            assertEquals(messageId, received.getHeader("Message-ID")[0]);
        }
    }

    @Test
    void dovecotOffersIdle() throws Exception {
        try (Store store = imapStore()) {
            assertTrue(((IMAPStore) store).hasCapability("IDLE"));
        }
    }

    private static Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(servers.smtpPort()));
        return Session.getInstance(props);
    }

    private static Store imapStore() throws Exception {
        Store store = session().getStore("imap");
        store.connect("127.0.0.1", servers.imapPort(), "support", RealMailServers.PASSWORD);
        return store;
    }

    private static Message awaitMessage(Folder folder, int count) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            folder.open(Folder.READ_ONLY);
            if (folder.getMessageCount() >= count) {
                return folder.getMessage(count);
            }
            folder.close(false);
            Thread.sleep(50);
        }
        throw new AssertionError("no message " + count + " in " + folder.getFullName() + " within 15 s");
    }
}
