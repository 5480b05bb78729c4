package io.mailtune.ingest.imap;

import jakarta.mail.Session;

import java.time.Duration;
import java.util.Properties;

/** Jakarta Mail session properties for a mailbox: transport security, timeouts, peek-only reads and XOAUTH2. */
final class ImapSessions {

    private ImapSessions() {
    }

    static String protocol(MailboxConfig config) {
        return config.security() == TransportSecurity.TLS ? "imaps" : "imap";
    }

    static Session session(MailboxConfig config) {
        String p = "mail." + protocol(config) + ".";
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", protocol(config));
        props.setProperty(p + "connectiontimeout", "15000");
        props.setProperty(p + "writetimeout", "30000");
        // A read must outlast one IDLE period, which ends by our own NOOP before the server's 30 minutes.
        props.setProperty(p + "timeout", Long.toString(config.idleRefresh().plus(Duration.ofSeconds(60)).toMillis()));
        props.setProperty(p + "peek", "true");
        config.security().configure(props, p, config.trustedTlsHosts());
        if (config.auth() instanceof ImapAuth.OAuth2) {
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
            props.setProperty(p + "auth.login.disable", "true");
            props.setProperty(p + "auth.plain.disable", "true");
            props.setProperty(p + "sasl.enable", "false");
        }
        return Session.getInstance(props);
    }
}
