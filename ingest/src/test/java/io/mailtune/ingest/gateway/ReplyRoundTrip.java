package io.mailtune.ingest.gateway;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.smtp.OutboundReply;
import io.mailtune.ingest.smtp.ReplySender;
import io.mailtune.ingest.smtp.SendResult;
import io.mailtune.ingest.smtp.SentReplies;
import io.mailtune.ingest.smtp.SmtpConfig;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.ingest.thread.ThreadIndex;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole conversation against a pair of real servers: a customer writes, the gateway publishes, we reply over
 * SMTP, the reply lands threaded in the customer's mailbox, the customer answers from another client with only
 * In-Reply-To, and that answer is published in the same thread.
 *
 * @param smtpPort         SMTP port accepting mail for both addresses
 * @param imapPort         IMAP port of both mailboxes
 * @param support          the support address
 * @param supportLogin     IMAP login of the support mailbox
 * @param supportPassword  its password
 * @param customer         the customer's address
 * @param customerLogin    IMAP login of the customer's mailbox
 * @param customerPassword its password
 */
record ReplyRoundTrip(int smtpPort, int imapPort, String support, String supportLogin, String supportPassword,
                      String customer, String customerLogin, String customerPassword) {

    void run(KafkaBroker kafka, Path state) throws Exception {
        String mailbox = "roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
        MailboxConfig config = MailboxConfig.of(mailbox, "127.0.0.1", imapPort, TransportSecurity.NONE, supportLogin,
                        new ImapAuth.Password(supportPassword), EmailAddress.of(support))
                .withFirstSync(FirstSync.ALL)
                .withWaiting(true, Duration.ofMillis(500), Duration.ofSeconds(20));
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            String question = "<question-" + mailbox + "@customer.example>";
            send(customer, support, "Broken zipper " + mailbox, "The zipper of my jacket broke.", question, null);
            InboundEmail first = awaitInbound(kafka, mailbox, 1).get(0);
            assertEquals("The zipper of my jacket broke.", first.normalisedText());

            SmtpConfig smtp = new SmtpConfig("127.0.0.1", smtpPort, TransportSecurity.NONE, null, null,
                    new EmailAddress(support, "Support"), null, null);
            SendResult reply = new ReplySender(smtp, new SentReplies(gateway.database(), new ThreadIndex(Duration.ofDays(90))))
                    .send(new OutboundReply("reply-" + mailbox, mailbox, first.threadId(), first.from(), List.of(), first.subject(),
                            first.messageId(), first.references(), "Sorry to hear that. Please send a photo."));

            Message landed = awaitMessage(customerLogin, customerPassword, "Re: Broken zipper " + mailbox);
            assertEquals(question, landed.getHeader("In-Reply-To")[0], "the reply threads under the customer's message");
            assertTrue(landed.getHeader("References")[0].contains(question));
            assertEquals(reply.messageId(), landed.getHeader("Message-ID")[0]);

            send(customer, support, "Re: Broken zipper " + mailbox, "Photo attached.\n\n> Sorry to hear that. Please send a photo.",
                    "<answer-" + mailbox + "@other-client.example>", reply.messageId());
            List<InboundEmail> both = awaitInbound(kafka, mailbox, 2);
            assertEquals(first.threadId(), both.get(1).threadId(), "the customer's answer joins the thread");
            assertEquals("Photo attached.", both.get(1).normalisedText());
        }
    }

    private static List<InboundEmail> awaitInbound(KafkaBroker kafka, String mailbox, int count) {
        List<InboundEmail> emails = InboundTopic.read(kafka, mailbox, count, Duration.ofSeconds(30));
        assertEquals(count, emails.size(), "published for " + mailbox);
        return emails;
    }

    private void send(String from, String to, String subject, String text, String messageId, String inReplyTo) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage m = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
        }
        m.setText(text, "UTF-8");
        Transport.send(m);
    }

    private Message awaitMessage(String login, String password, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", imapPort, login, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        MimeMessage copy = new MimeMessage((MimeMessage) m);
                        return copy;
                    }
                }
            } finally {
                store.close();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no message '" + subject + "' reached " + login);
    }
}
