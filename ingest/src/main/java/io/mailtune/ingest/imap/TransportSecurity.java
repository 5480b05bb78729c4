package io.mailtune.ingest.imap;

/** How the IMAP connection is protected. */
public enum TransportSecurity {
    /** TLS from the first byte (imaps, usually port 993). */
    TLS,
    /** Plain connection upgraded with STARTTLS before login, which is required (usually port 143). */
    STARTTLS,
    /** No encryption: accepted only for a server on the loopback interface. */
    NONE
}
