package io.mailtune.core.mail;

import java.util.Locale;

/**
 * A mailbox address with its optional display name. The address is kept as written; {@link #normalised()} is what
 * comparisons (loop guard, threading by participants) use.
 */
public record EmailAddress(String address, String displayName) {

    /** Validates that the address has a local part and a domain and contains no line breaks. */
    public EmailAddress {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        address = address.strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' needs a local part and a domain");
        }
        if (address.indexOf('\r') >= 0 || address.indexOf('\n') >= 0
                || (displayName != null && (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0))) {
            throw new IllegalArgumentException("address or display name contains a line break: " + address);
        }
        displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
    }

    /** An address without a display name. */
    public static EmailAddress of(String address) {
        return new EmailAddress(address, null);
    }

    /** The address in lower case, for comparisons. */
    public String normalised() {
        return address.toLowerCase(Locale.ROOT);
    }
}
