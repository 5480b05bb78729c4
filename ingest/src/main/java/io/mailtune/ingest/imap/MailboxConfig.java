package io.mailtune.ingest.imap;

import io.mailtune.core.mail.EmailAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One mailbox to watch, with its own server, login and behaviour.
 *
 * @param id              the mailbox name used in records and checkpoints, e.g. {@code support}
 * @param host            IMAP server host
 * @param port            IMAP server port
 * @param security        TLS, STARTTLS or (loopback only) none
 * @param username        login name, usually the address
 * @param auth            password or OAuth2
 * @param folders         folders to read, e.g. {@code INBOX}
 * @param ownAddresses    the support address and its aliases: mail from them is never drafted for (loop guard)
 * @param firstSync       what the first connection reads
 * @param idle            use IMAP IDLE when the server offers it
 * @param pollInterval    how often to look for mail when IDLE is off or not offered
 * @param idleRefresh     how long one IDLE lasts before it is renewed (servers drop it after 30 minutes)
 * @param fetchBatchSize  bodies fetched per IMAP command
 * @param afterIngest     what to do on the server after publishing
 * @param moveTo          target folder for {@link AfterIngest#MOVE}, else null
 * @param trustedTlsHosts hosts whose certificate is trusted without a CA (self-signed test servers), or null
 */
public record MailboxConfig(String id, String host, int port, TransportSecurity security, String username, ImapAuth auth,
                            List<String> folders, Set<EmailAddress> ownAddresses, FirstSync firstSync, boolean idle,
                            Duration pollInterval, Duration idleRefresh, int fetchBatchSize, AfterIngest afterIngest,
                            String moveTo, String trustedTlsHosts) {

    /** Validates every setting, naming the mailbox and the setting in the message. */
    public MailboxConfig {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("mailbox id must be 1-64 letters, digits, '.', '_' or '-', was '" + id + "'");
        }
        String where = "mailbox '" + id + "': ";
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(where + "host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + "port must be 1-65535, was " + port);
        }
        if (security == null) {
            throw new IllegalArgumentException(where + "security must be TLS, STARTTLS or NONE");
        }
        if (security == TransportSecurity.NONE && !isLoopback(host)) {
            throw new IllegalArgumentException(where + "security NONE would send the login in clear text to " + host
                    + "; use TLS (port 993) or STARTTLS (port 143); NONE is accepted only for a loopback host");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException(where + "username must not be blank");
        }
        if (auth == null) {
            throw new IllegalArgumentException(where + "auth must be a password or OAuth2");
        }
        if (folders == null || folders.isEmpty() || folders.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException(where + "folders must list at least one folder, e.g. INBOX, and none blank");
        }
        folders = List.copyOf(folders);
        if (Set.copyOf(folders).size() != folders.size()) {
            throw new IllegalArgumentException(where + "folders lists a folder twice: " + folders);
        }
        if (ownAddresses == null || ownAddresses.isEmpty()) {
            throw new IllegalArgumentException(where + "ownAddresses must name the support address (loop guard)");
        }
        ownAddresses = Set.copyOf(ownAddresses);
        if (firstSync == null) {
            throw new IllegalArgumentException(where + "firstSync must be NEW_ONLY or ALL");
        }
        if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(where + "pollInterval must be at least 100 ms, was " + pollInterval);
        }
        if (idleRefresh == null || idleRefresh.compareTo(Duration.ofMillis(100)) < 0 || idleRefresh.compareTo(Duration.ofMinutes(29)) > 0) {
            throw new IllegalArgumentException(where + "idleRefresh must be between 100 ms and 29 minutes, was " + idleRefresh);
        }
        if (fetchBatchSize < 1 || fetchBatchSize > 1000) {
            throw new IllegalArgumentException(where + "fetchBatchSize must be 1-1000, was " + fetchBatchSize);
        }
        if (afterIngest == null) {
            throw new IllegalArgumentException(where + "afterIngest must be NOTHING, MARK_SEEN or MOVE");
        }
        if ((afterIngest == AfterIngest.MOVE) != (moveTo != null && !moveTo.isBlank())) {
            throw new IllegalArgumentException(where + "moveTo must be set exactly when afterIngest is MOVE (afterIngest="
                    + afterIngest + ", moveTo=" + moveTo + ")");
        }
        if (moveTo != null && folders.contains(moveTo)) {
            throw new IllegalArgumentException(where + "moveTo '" + moveTo + "' is also a watched folder; messages would be read twice");
        }
    }

    /** A mailbox reading INBOX with defaults: new mail only, IDLE, 60 s polling, 25 minute IDLE, batches of 50, nothing done on the server. */
    public static MailboxConfig of(String id, String host, int port, TransportSecurity security, String username, ImapAuth auth,
                                   EmailAddress supportAddress) {
        return new MailboxConfig(id, host, port, security, username, auth, List.of("INBOX"), Set.of(supportAddress),
                FirstSync.NEW_ONLY, true, Duration.ofSeconds(60), Duration.ofMinutes(25), 50, AfterIngest.NOTHING, null, null);
    }

    /** A copy reading these folders. */
    public MailboxConfig withFolders(List<String> newFolders) {
        return new MailboxConfig(id, host, port, security, username, auth, newFolders, ownAddresses, firstSync, idle, pollInterval,
                idleRefresh, fetchBatchSize, afterIngest, moveTo, trustedTlsHosts);
    }

    /** A copy with another first-sync policy. */
    public MailboxConfig withFirstSync(FirstSync newFirstSync) {
        return new MailboxConfig(id, host, port, security, username, auth, folders, ownAddresses, newFirstSync, idle, pollInterval,
                idleRefresh, fetchBatchSize, afterIngest, moveTo, trustedTlsHosts);
    }

    /** A copy with IDLE on or off and the given polling and IDLE-renewal intervals. */
    public MailboxConfig withWaiting(boolean useIdle, Duration newPollInterval, Duration newIdleRefresh) {
        return new MailboxConfig(id, host, port, security, username, auth, folders, ownAddresses, firstSync, useIdle, newPollInterval,
                newIdleRefresh, fetchBatchSize, afterIngest, moveTo, trustedTlsHosts);
    }

    /** A copy fetching this many bodies per command. */
    public MailboxConfig withFetchBatchSize(int newBatchSize) {
        return new MailboxConfig(id, host, port, security, username, auth, folders, ownAddresses, firstSync, idle, pollInterval,
                idleRefresh, newBatchSize, afterIngest, moveTo, trustedTlsHosts);
    }

    /** A copy acting on the server after publishing. */
    public MailboxConfig withAfterIngest(AfterIngest action, String target) {
        return new MailboxConfig(id, host, port, security, username, auth, folders, ownAddresses, firstSync, idle, pollInterval,
                idleRefresh, fetchBatchSize, action, target, trustedTlsHosts);
    }

    /** A copy trusting the certificates of these hosts (space-separated) without a CA. */
    public MailboxConfig withTrustedTlsHosts(String hosts) {
        return new MailboxConfig(id, host, port, security, username, auth, folders, ownAddresses, firstSync, idle, pollInterval,
                idleRefresh, fetchBatchSize, afterIngest, moveTo, hosts);
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
