package io.mailtune.ingest.smtp;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.TransportSecurity;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The outgoing server of one support mailbox.
 *
 * @param host            SMTP host
 * @param port            SMTP port (465 TLS, 587 STARTTLS)
 * @param security        TLS, STARTTLS or (loopback only) none
 * @param username        login, or null for a relay that needs none
 * @param auth            password or OAuth2 (XOAUTH2), or null without login
 * @param from            the support address replies come from
 * @param replyTo         where customers' answers go, or null for {@code from}
 * @param trustedTlsHosts hosts whose certificate is trusted without a CA (self-signed test servers), or null
 */
public record SmtpConfig(String host, int port, TransportSecurity security, String username, ImapAuth auth,
                         EmailAddress from, EmailAddress replyTo, String trustedTlsHosts) {

    /** Validates the settings with precise messages. */
    public SmtpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("smtp host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp port must be 1-65535, was " + port);
        }
        if (security == null) {
            throw new IllegalArgumentException("smtp security must be TLS, STARTTLS or NONE");
        }
        if (security == TransportSecurity.NONE && !isLoopback(host)) {
            throw new IllegalArgumentException("smtp security NONE would send mail and login in clear text to " + host
                    + "; use TLS (465) or STARTTLS (587); NONE is accepted only for a loopback host");
        }
        if ((username == null) != (auth == null)) {
            throw new IllegalArgumentException("smtp username and auth must be given together (username=" + username + ")");
        }
        if (from == null) {
            throw new IllegalArgumentException("smtp from (the support address) is required");
        }
    }

    /** The Reply-To address: {@link #replyTo} or {@link #from}. */
    public EmailAddress effectiveReplyTo() {
        return replyTo == null ? from : replyTo;
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
