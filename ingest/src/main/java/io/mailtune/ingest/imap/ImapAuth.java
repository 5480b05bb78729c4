package io.mailtune.ingest.imap;

/** How Mailtune logs in to an IMAP server. */
public sealed interface ImapAuth {

    /**
     * A plain password (LOGIN or AUTHENTICATE PLAIN over TLS).
     *
     * @param password the password or app password
     */
    record Password(String password) implements ImapAuth {
        /** Validates the password. */
        public Password {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
        }

        /** Keeps the secret out of logs. */
        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /**
     * OAuth2 with the SASL XOAUTH2 mechanism (Gmail, Microsoft 365).
     *
     * @param tokens the provider of access tokens
     */
    record OAuth2(RefreshingTokenProvider tokens) implements ImapAuth {
        /** Validates the provider. */
        public OAuth2 {
            if (tokens == null) {
                throw new IllegalArgumentException("tokens are required for OAuth2");
            }
        }
    }
}
