package io.mailtune.ops.loop;

import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Properties;

/** Demo customers writing to the support mailbox over SMTP. */
final class Customers {

    static final String SUPPORT = "support@brightcart.example";

    private final Session session;

    Customers(EmbeddedMailServer mail) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        this.session = Session.getInstance(props);
    }

    /** Sends each case as the customer's email, one new thread each. */
    void send(List<SupportCase> cases) throws MessagingException, UnsupportedEncodingException {
        for (SupportCase c : cases) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(c.customerEmail(), c.customerName(), "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
            m.setSubject(c.subject(), "UTF-8");
            m.setText(c.body(), "UTF-8");
            Transport.send(m);
        }
    }
}
