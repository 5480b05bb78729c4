package io.mailtune.agent.mail;

import io.mailtune.agent.config.MailSettings;
import io.mailtune.agent.config.Secrets;
import io.mailtune.agent.embedded.DemoCompany;
import io.mailtune.agent.embedded.DemoMailServer;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import io.mailtune.ingest.imap.AfterIngest;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.OAuth2RefreshTokenSource;
import io.mailtune.ingest.imap.RefreshingTokenProvider;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.smtp.SmtpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured mailboxes turned into ingest's settings, secrets read from the environment variables they name; or,
 * with none configured, the embedded demo mailbox.
 */
@ApplicationScoped
public class Mailboxes {

    private final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();

    Mailboxes(MailSettings settings, DemoMailServer demo) {
        if (settings.mailboxes().isEmpty()) {
            demo.server().ifPresent(server -> mailboxes.put(DemoCompany.MAILBOX, demoMailbox(server)));
        }
        settings.mailboxes().forEach((id, m) -> mailboxes.put(id, configured(id, m)));
    }

    /** Every mailbox, by id. */
    public Map<String, Mailbox> all() {
        return Map.copyOf(mailboxes);
    }

    /** The mailbox with this id. */
    public Optional<Mailbox> get(String id) {
        return Optional.ofNullable(mailboxes.get(id));
    }

    private static Mailbox configured(String id, MailSettings.Mailbox m) {
        String where = "mailtune.mail.mailboxes." + id + ".";
        ImapAuth auth = auth(where, m);
        Set<EmailAddress> own = new LinkedHashSet<>();
        own.add(EmailAddress.of(m.address()));
        m.aliases().orElse(List.of()).forEach(a -> own.add(EmailAddress.of(a)));
        MailboxConfig imap = new MailboxConfig(id, m.host(), m.port(), m.security(), m.username(), auth, m.folders(),
                own, m.firstSync(), m.idle(), m.pollInterval(), Duration.ofMinutes(25), 50, AfterIngest.NOTHING, null,
                m.trustedTlsHosts().orElse(null));
        MailSettings.Smtp s = m.smtp();
        ImapAuth smtpAuth = s.passwordEnv()
                .<ImapAuth>map(env -> new ImapAuth.Password(Secrets.fromEnvironment(env, where + "smtp.password-env")))
                .orElse(s.username().isPresent() ? auth : null);
        SmtpConfig smtp = new SmtpConfig(s.host(), s.port(), s.security(), smtpAuth == null ? null : s.username().orElse(m.username()),
                smtpAuth, EmailAddress.of(m.address()), s.replyTo().map(EmailAddress::of).orElse(null),
                m.trustedTlsHosts().orElse(null));
        return new Mailbox(imap, smtp);
    }

    private static ImapAuth auth(String where, MailSettings.Mailbox m) {
        if (m.oauth2().isPresent()) {
            MailSettings.OAuth2 o = m.oauth2().get();
            return new ImapAuth.OAuth2(new RefreshingTokenProvider(new OAuth2RefreshTokenSource(URI.create(o.tokenUri()),
                    o.clientId(), Secrets.fromEnvironment(o.clientSecretEnv(), where + "oauth2.client-secret-env"),
                    Secrets.fromEnvironment(o.refreshTokenEnv(), where + "oauth2.refresh-token-env"), o.scope().orElse(null))));
        }
        String env = m.passwordEnv().orElseThrow(() -> new IllegalStateException(where
                + "password-env or " + where + "oauth2 must be set: the mailbox needs a way to log in"));
        return new ImapAuth.Password(Secrets.fromEnvironment(env, where + "password-env"));
    }

    private static Mailbox demoMailbox(EmbeddedMailServer server) {
        EmailAddress support = EmailAddress.of(DemoCompany.SUPPORT_ADDRESS);
        MailboxConfig imap = MailboxConfig.of(DemoCompany.MAILBOX, "127.0.0.1", server.imapPort(), TransportSecurity.NONE,
                DemoCompany.SUPPORT_ADDRESS, new ImapAuth.Password(DemoCompany.SUPPORT_PASSWORD), support)
                .withFirstSync(FirstSync.ALL);
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", server.smtpPort(), TransportSecurity.NONE, null, null, support, null, null);
        return new Mailbox(imap, smtp);
    }
}
