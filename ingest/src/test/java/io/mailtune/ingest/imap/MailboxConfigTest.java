package io.mailtune.ingest.imap;

import io.mailtune.core.mail.EmailAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mailbox settings are validated with messages that name the mailbox and the setting. */
class MailboxConfigTest {

    private static MailboxConfig gmail() {
        return MailboxConfig.of("support", "imap.gmail.com", 993, TransportSecurity.TLS, "support@acme.test",
                new ImapAuth.Password("app-password"), EmailAddress.of("support@acme.test"));
    }

    private static String message(Runnable invalid) {
        return assertThrows(IllegalArgumentException.class, invalid::run).getMessage();
    }

    @Test
    void defaultsLeaveTheServerUntouchedAndReadOnlyNewMail() {
        MailboxConfig config = gmail();
        assertEquals(AfterIngest.NOTHING, config.afterIngest());
        assertEquals(FirstSync.NEW_ONLY, config.firstSync());
        assertEquals(List.of("INBOX"), config.folders());
        assertTrue(config.idle());
    }

    @Test
    void clearTextLoginToARemoteServerIsRefused() {
        String m = message(() -> MailboxConfig.of("support", "imap.example.com", 143, TransportSecurity.NONE, "u",
                new ImapAuth.Password("p"), EmailAddress.of("support@acme.test")));
        assertTrue(m.contains("mailbox 'support'") && m.contains("clear text"), m);
    }

    @Test
    void eachInvalidSettingIsNamed() {
        assertTrue(message(() -> gmail().withFolders(List.of())).contains("folders"));
        assertTrue(message(() -> gmail().withFolders(List.of("INBOX", "INBOX"))).contains("twice"));
        assertTrue(message(() -> gmail().withFetchBatchSize(0)).contains("fetchBatchSize"));
        assertTrue(message(() -> gmail().withWaiting(true, Duration.ofSeconds(1), Duration.ofMinutes(45))).contains("idleRefresh"));
        assertTrue(message(() -> gmail().withAfterIngest(AfterIngest.MOVE, null)).contains("moveTo"));
        assertTrue(message(() -> gmail().withAfterIngest(AfterIngest.MOVE, "INBOX")).contains("watched folder"));
        assertTrue(message(() -> MailboxConfig.of("bad id!", "h", 993, TransportSecurity.TLS, "u", new ImapAuth.Password("p"),
                EmailAddress.of("s@acme.test"))).contains("mailbox id"));
    }

    @Test
    void passwordsStayOutOfLogs() {
        assertTrue(!gmail().toString().contains("app-password"));
    }
}
