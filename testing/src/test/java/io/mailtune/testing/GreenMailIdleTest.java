package io.mailtune.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** GreenMail runs in-process as this project's fast IMAP + SMTP server, on dynamic ports so test JVMs never clash. */
class GreenMailIdleTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[]{
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                    .withUser("support@localhost", "support", "secret"));

    @Test
    void anIdlingImapClientHearsOfMailDeliveredOverSmtp() throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            CountDownLatch arrived = new CountDownLatch(1);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    arrived.countDown();
                }
            });
            Thread idler = Thread.ofVirtual().start(() -> {
                try {
                    while (arrived.getCount() > 0) {
                        inbox.idle(true);
                    }
                } catch (Exception e) {
                    // The folder closes when the test ends; the latch has decided the outcome by then.
                }
            });
            Thread.sleep(300);
            GreenMailUtil.sendTextEmail("support@localhost", "customer@example.com", "Hello", "Is anyone there?",
                    greenMail.getSmtp().getServerSetup());
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "IDLE reported no new message within 10 s");
            idler.join(2000);
        }
    }
}
