package io.mailtune.agent.config;

import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.TransportSecurity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The support mailboxes (IMAP in, SMTP out). Secrets are never in the configuration itself: each names the environment
 * variable that holds it. Without mailboxes the embedded mail server with demo mail is used.
 */
@ConfigMapping(prefix = "mailtune.mail")
public interface MailSettings {

    /** The mailboxes by id (the id appears in every record and checkpoint: never change it). */
    Map<String, Mailbox> mailboxes();

    /** The embedded demo mail server, used when no mailbox is configured. */
    EmbeddedMail embedded();

    /** Where the mail gateway keeps checkpoints, dedupe keys and threads. */
    IngestStore ingest();

    /** How several instances divide the mailboxes among themselves. */
    Assignment assignment();

    /** Mailbox assignment through Kafka, for several instances sharing one ingest database. */
    interface Assignment {
        /** Run only the mailboxes Kafka assigns to this instance (every instance configures all of them). */
        @WithDefault("false")
        boolean enabled();

        /** The consumer group of the instances on {@code mailtune.mailbox-owners}. */
        @WithDefault("mailtune-mailboxes")
        String group();

        /** An instance silent for this long loses its mailboxes to the others. */
        @WithDefault("10s")
        Duration sessionTimeout();
    }

    /** One support mailbox. */
    interface Mailbox {
        /** IMAP host. */
        String host();

        /** IMAP port (993 IMAPS, 143 STARTTLS). */
        @WithDefault("993")
        int port();

        /** TLS, STARTTLS, or NONE (loopback only). */
        @WithDefault("TLS")
        TransportSecurity security();

        /** IMAP login. */
        String username();

        /** Name of the environment variable holding the IMAP password (or app password). */
        Optional<String> passwordEnv();

        /** OAuth2 (XOAUTH2) instead of a password, for Gmail and Microsoft 365. */
        Optional<OAuth2> oauth2();

        /** The support address replies come from; mail from it is never drafted for. */
        String address();

        /** Further addresses of the same mailbox (aliases), also never drafted for. */
        Optional<List<String>> aliases();

        /** Folders to read. */
        @WithDefault("INBOX")
        List<String> folders();

        /** NEW_ONLY reads only mail arriving from now on; ALL also what the folder holds already. */
        @WithDefault("NEW_ONLY")
        FirstSync firstSync();

        /** Hosts whose self-signed certificate is trusted (test servers). */
        Optional<String> trustedTlsHosts();

        /** Wait for new mail with IMAP IDLE when the server offers it; false polls. */
        @WithDefault("true")
        boolean idle();

        /** How often to look for new mail without IDLE. */
        @WithDefault("60s")
        Duration pollInterval();

        /** The outgoing server for replies. */
        Smtp smtp();
    }

    /** OAuth2 with a refresh token (docs/mailboxes.md says how to obtain one). */
    interface OAuth2 {
        /** The identity provider's token endpoint. */
        String tokenUri();

        /** The OAuth client id. */
        String clientId();

        /** Name of the environment variable holding the client secret. */
        String clientSecretEnv();

        /** Name of the environment variable holding the refresh token. */
        String refreshTokenEnv();

        /** Scopes to ask for on refresh (Microsoft needs them). */
        Optional<String> scope();
    }

    /** The SMTP server of a mailbox. */
    interface Smtp {
        /** SMTP host. */
        String host();

        /** SMTP port (465 TLS, 587 STARTTLS). */
        @WithDefault("587")
        int port();

        /** TLS, STARTTLS, or NONE (loopback only). */
        @WithDefault("STARTTLS")
        TransportSecurity security();

        /** SMTP login; absent: a relay that needs none. */
        Optional<String> username();

        /** Name of the environment variable holding the SMTP password; absent with OAuth2: the mailbox's token. */
        Optional<String> passwordEnv();

        /** Where customers' answers go, when not the mailbox's address. */
        Optional<String> replyTo();
    }

    /** The embedded IMAP + SMTP server. */
    interface EmbeddedMail {
        /** Start it when no mailbox is configured. */
        @WithDefault("true")
        boolean enabled();

        /** IMAP port (0: any free port). */
        @WithDefault("0")
        int imapPort();

        /** SMTP port (0: any free port). */
        @WithDefault("0")
        int smtpPort();

        /** Demo customer emails put into the support mailbox at start. */
        @WithDefault("12")
        int demoEmails();
    }

    /** The mail gateway's own database (checkpoints, dedupe keys, threads, sent replies). */
    interface IngestStore {
        /** Its JDBC URL; absent: an H2 file under the data directory. */
        Optional<String> jdbcUrl();

        /** Database user. */
        Optional<String> username();

        /** Name of the environment variable holding the database password. */
        Optional<String> passwordEnv();

        /** Where raw messages are kept; absent: under the data directory. */
        Optional<Path> rawDir();
    }
}
