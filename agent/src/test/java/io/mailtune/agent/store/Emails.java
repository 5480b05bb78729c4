package io.mailtune.agent.store;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.mail.RawMessageRef;

import java.time.Instant;
import java.util.List;

/** Inbound emails for tests, as ingest publishes them. */
public final class Emails {

    private Emails() {
    }

    /** A customer email in a thread. */
    public static InboundEmail customer(String threadId, String text, Instant receivedAt) {
        return email(threadId, text, receivedAt, List.of());
    }

    /** An email ingest flagged. */
    public static InboundEmail flagged(String threadId, MailFlag flag) {
        return email(threadId, "I am out of the office until Monday.", Instant.now(), List.of(flag));
    }

    /** An email with the given flags. */
    public static InboundEmail email(String threadId, String text, Instant receivedAt, List<MailFlag> flags) {
        String id = Ids.newId();
        String sha = Hashing.sha256Hex(id);
        return new InboundEmail(InboundEmail.SCHEMA_VERSION, id, "support", "<" + id + "@customer.example>", threadId,
                new EmailAddress("ada@example.com", "Ada Lovelace"), List.of(EmailAddress.of("support@acme.example")), List.of(),
                "Where is my refund?", text, receivedAt, receivedAt, null, List.of(),
                new RawMessageRef(sha, 10, "file:///tmp/" + sha + ".eml"), flags, List.of());
    }
}
