package io.mailtune.ingest.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.ingest.GreenMailSetups;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.thread.ThreadIndex;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outbound replies through GreenMail's SMTP and SMTPS servers. */
class ReplySenderTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(GreenMailSetups.patient(
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "secret"));

    private SentReplies sent;

    @BeforeEach
    void database() {
        IngestDatabase db = new IngestDatabase("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        sent = new SentReplies(db, new ThreadIndex(Duration.ofDays(90)));
    }

    private SmtpConfig plain() {
        return new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), TransportSecurity.NONE, null, null,
                new EmailAddress("support@acme.test", "ACME Support"), new EmailAddress("help@acme.test", null), null);
    }

    private static OutboundReply reply(String id, String subject) {
        return new OutboundReply(id, "support", "thread-1", new EmailAddress("ann@customer.example", "Ann Lee"), List.of(),
                subject, "<q2@customer.example>", List.of("<q1@customer.example>", "<r1@acme.test>"),
                "Hello Ann,\n\nyour parcel arrives tomorrow.\n\nACME Support");
    }

    @Test
    void aReplyCarriesThreadingHeadersOneReAndTheSupportAddress() throws Exception {
        SendResult result = new ReplySender(plain(), sent).send(reply("reply-1", "AW: Re: RE: Where is my parcel?"));
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertEquals("Re: Where is my parcel?", received.getSubject());
        assertEquals("<q2@customer.example>", received.getHeader("In-Reply-To", null));
        assertEquals("<q1@customer.example> <r1@acme.test> <q2@customer.example>", received.getHeader("References", null));
        assertEquals(result.messageId(), received.getMessageID());
        assertTrue(received.getFrom()[0].toString().contains("support@acme.test"));
        assertEquals("help@acme.test", received.getReplyTo()[0].toString());
        assertEquals("reply-1", received.getHeader("X-Mailtune-Reply-Id", null));
        assertEquals(result.messageId(), sent.find("reply-1").orElseThrow().messageId(), "the Message-ID is recorded");
    }

    @Test
    void theSameReplyIdIsSentOnceEvenWhenAskedConcurrently() throws Exception {
        ReplySender sender = new ReplySender(plain(), sent);
        int before = greenMail.getReceivedMessages().length;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SendResult>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit((Callable<SendResult>) () -> {
                go.await();
                return sender.send(reply("reply-twice", "Where is my parcel?"));
            }));
        }
        go.countDown();
        int sentNow = 0;
        String messageId = null;
        for (Future<SendResult> f : results) {
            SendResult r = f.get();
            sentNow += r instanceof SendResult.Sent ? 1 : 0;
            messageId = messageId == null ? r.messageId() : messageId;
            assertEquals(messageId, r.messageId(), "every caller learns the one Message-ID");
        }
        pool.shutdown();
        assertEquals(1, sentNow);
        assertEquals(before + 1, greenMail.getReceivedMessages().length, "one message reached the server");
        assertInstanceOf(SendResult.AlreadyHandled.class, sender.send(reply("reply-twice", "Where is my parcel?")));
    }

    @Test
    void aLineBreakInAHeaderValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reply("reply-x", "Parcel\r\nBcc: everyone@example.com"));
        assertTrue(e.getMessage().contains("originalSubject"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OutboundReply("r", "support", "t", EmailAddress.of("a@b.example"),
                List.of(), "s", "<x@y>\nBcc: x@evil.example", List.of(), "text"));
        assertThrows(IllegalArgumentException.class, () -> new EmailAddress("ann@customer.example", "Ann\r\nBcc: x@evil.example"));
    }

    @Test
    void aFailedSendCanBeRetriedWithTheSameMessageId() {
        SmtpConfig down = new SmtpConfig("127.0.0.1", 1, TransportSecurity.NONE, null, null, EmailAddress.of("support@acme.test"), null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ReplySender(down, sent).send(reply("reply-retry", "Parcel")));
        assertTrue(e.getMessage().contains("reply-retry"), e.getMessage());
        String firstId = sent.find("reply-retry").orElseThrow().messageId();
        SendResult retried = new ReplySender(plain(), sent).send(reply("reply-retry", "Parcel"));
        assertInstanceOf(SendResult.Sent.class, retried);
        assertEquals(firstId, retried.messageId());
    }

    @Test
    void repliesGoOverTlsWithAuthentication() throws Exception {
        SmtpConfig tls = new SmtpConfig("127.0.0.1", greenMail.getSmtps().getPort(), TransportSecurity.TLS, "support",
                new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"), null, "127.0.0.1");
        int before = greenMail.getReceivedMessages().length;
        assertInstanceOf(SendResult.Sent.class, new ReplySender(tls, sent).send(reply("reply-tls", "Parcel")));
        assertEquals(before + 1, greenMail.getReceivedMessages().length);
    }

    @Test
    void replySubjectsNeverStackPrefixes() {
        assertEquals("Re: Parcel", ReplySender.replySubject("Parcel"));
        assertEquals("Re: Parcel", ReplySender.replySubject("Re: Re: Parcel"));
        assertEquals("Re: Parcel", ReplySender.replySubject("AW: WG: Fwd: RE: Parcel"));
        assertEquals("Re: [Ticket #12] Parcel", ReplySender.replySubject("Re[2]: [Ticket #12] Parcel"));
    }

    @Test
    void plainTextToARemoteServerIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SmtpConfig("smtp.example.com", 25,
                TransportSecurity.NONE, null, null, EmailAddress.of("support@acme.test"), null, null));
        assertTrue(e.getMessage().contains("clear text"), e.getMessage());
    }
}
