package io.mailtune.ingest.imap;

import java.util.Properties;

/** How an IMAP or SMTP connection is protected. */
public enum TransportSecurity {
    /** TLS from the first byte (imaps, usually port 993; smtps, 465). */
    TLS,
    /** Plain connection upgraded with STARTTLS before login, which is required (usually port 143; 587). */
    STARTTLS,
    /** No encryption: accepted only for a server on the loopback interface. */
    NONE;

    /**
     * Sets Jakarta Mail's TLS properties for this protection under a protocol prefix such as {@code "mail.imaps."}.
     *
     * @param trustedTlsHosts hosts whose certificates are trusted without identity checks (test servers), or null to
     *                        check server identity against the JVM's trust store
     */
    public void configure(Properties props, String prefix, String trustedTlsHosts) {
        if (this == STARTTLS) {
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        if (this != NONE) {
            props.setProperty(prefix + "ssl.checkserveridentity", Boolean.toString(trustedTlsHosts == null));
            if (trustedTlsHosts != null) {
                props.setProperty(prefix + "ssl.trust", trustedTlsHosts);
            }
        }
    }
}
