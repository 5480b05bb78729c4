package io.mailtune.embedded.mail;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * An IMAP and SMTP server inside this JVM on loopback (GreenMail), the default mailbox when none is configured.
 * Every address is a mailbox: mail sent over SMTP to any recipient is kept in that recipient's INBOX, so a demo
 * customer can read the replies the agent sent. Mail lives in memory only.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    private EmbeddedMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts IMAP and SMTP on the given loopback ports (0 picks free ones).
     *
     * @throws IllegalArgumentException when a port is out of range
     */
    public static EmbeddedMailServer start(int imapPort, int smtpPort) {
        for (int port : new int[]{imapPort, smtpPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("mail server port must be 0 (any free port) or 1-65535, was " + port);
            }
        }
        GreenMail greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        return new EmbeddedMailServer(greenMail);
    }

    /** Creates (or updates) a mailbox whose IMAP login is its address. */
    public void addUser(String address, String password) {
        greenMail.setUser(address, address, password);
    }

    /** Puts a raw RFC 822 message into the INBOX of {@code address}, as if it had been delivered. */
    public void deliver(String address, byte[] rfc822) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            throw new IllegalArgumentException("no mailbox " + address + " on the embedded mail server; add it first");
        }
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc822)));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a readable RFC 822 message for " + address + ": " + e.getMessage(), e);
        }
    }

    /** The raw bytes of every message received for an address (over SMTP or delivered), oldest first. */
    public List<byte[]> messagesFor(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        List<byte[]> out = new ArrayList<>();
        try {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                boolean toAddress = false;
                for (var recipient : m.getAllRecipients() == null ? new jakarta.mail.Address[0] : m.getAllRecipients()) {
                    toAddress |= recipient.toString().toLowerCase(Locale.ROOT).contains(wanted);
                }
                if (toAddress) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    m.writeTo(bytes);
                    out.add(bytes.toByteArray());
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the embedded mail server's messages: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The IMAP port on 127.0.0.1. */
    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** The SMTP port on 127.0.0.1. */
    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Stops both servers; the mail they held is gone. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
