package io.mailtune.agent.embedded;

import io.mailtune.agent.config.DemoSettings;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated customer on a real GreenMail server: SMTP out, IMAP in, follow-ups in the thread. */
class SimulatedCustomerTest {

    @Test
    void theCustomerKeepsWritingAndFollowsUpInTheThreadOfAReplyItReceives() throws Exception {
        try (EmbeddedMailServer server = DemoMail.startServer(0, 0, 0);
             SimulatedCustomer ignored = SimulatedCustomer.start(server, settings(Duration.ofMillis(300), Duration.ofMillis(600), 1.0))) {
            MimeMessage first = await(() -> inbox(server).size() >= 2 ? inbox(server).getFirst() : null);
            assertTrue(first.getHeader("Message-ID")[0].startsWith("<live-42-0@"), "the first email of the seed");

            String replyId = "<reply-1@brightcart.example>";
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(server.smtpPort()));
            MimeMessage reply = new MimeMessage(Session.getInstance(props)) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", replyId);
                }
            };
            reply.setFrom(new InternetAddress(DemoCompany.SUPPORT_ADDRESS));
            reply.setRecipients(Message.RecipientType.TO, first.getFrom());
            reply.setSubject("Re: " + first.getSubject());
            reply.setHeader("In-Reply-To", first.getHeader("Message-ID")[0]);
            reply.setText("Hi,\nthat is sorted now.\nBest regards,\nBrightcart Support");
            reply.saveChanges();
            Transport.send(reply);

            MimeMessage followUp = await(() -> inbox(server).stream()
                    .filter(m -> header(m, "In-Reply-To").equals(replyId)).findFirst().orElse(null));
            assertEquals("Re: " + first.getSubject().replaceFirst("^(Re: )+", ""), followUp.getSubject());
            assertEquals(first.getFrom()[0].toString(), followUp.getFrom()[0].toString(), "the same customer");
            assertTrue(header(followUp, "References").contains(first.getHeader("Message-ID")[0]));
            assertTrue(String.valueOf(followUp.getContent()).contains("> that is sorted now."), "the reply is quoted");
        }
    }

    @Test
    void anIntervalRangeThatEndsBeforeItStartsIsRefused() {
        try (EmbeddedMailServer server = DemoMail.startServer(0, 0, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SimulatedCustomer.start(server, settings(Duration.ofSeconds(60), Duration.ofSeconds(30), 0.5)));
            assertTrue(e.getMessage().contains("max-interval"), e.getMessage());
        }
    }

    private static List<MimeMessage> inbox(EmbeddedMailServer server) {
        return server.messagesFor(DemoCompany.SUPPORT_ADDRESS).stream().map(bytes -> {
            try {
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? "" : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.concurrent.Callable<T> value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.call();
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after 60 s");
    }

    private static DemoSettings.Customer settings(Duration min, Duration max, double followUps) {
        return new DemoSettings.Customer() {
            public boolean enabled() {
                return true;
            }

            public Duration minInterval() {
                return min;
            }

            public Duration maxInterval() {
                return max;
            }

            public double followUpProbability() {
                return followUps;
            }

            public int maxFollowUps() {
                return 2;
            }

            public Duration replyCheckInterval() {
                return Duration.ofMillis(200);
            }

            public long seed() {
                return 42;
            }
        };
    }
}
