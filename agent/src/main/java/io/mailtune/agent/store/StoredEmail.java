package io.mailtune.agent.store;

import io.mailtune.core.mail.InboundEmail;

import java.time.Instant;

/**
 * An inbound email as the agent keeps it: the whole contract record, and when it was stored.
 *
 * @param email    the record from {@code mailtune.inbound}
 * @param storedAt when this agent stored it
 */
public record StoredEmail(InboundEmail email, Instant storedAt) {

    /** Validates the parts. */
    public StoredEmail {
        if (email == null || storedAt == null) {
            throw new IllegalArgumentException("email and storedAt are required");
        }
    }

    /** The email's id. */
    public String emailId() {
        return email.emailId();
    }
}
