package io.mailtune.ingest.imap;

/**
 * The identity provider refused the refresh token: it was revoked, expired or the consent withdrawn. No retry
 * helps; an administrator must re-authorise the mailbox.
 */
public final class TokenRevokedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A revocation with the provider's own error text. */
    public TokenRevokedException(String message) {
        super(message);
    }
}
