package io.mailtune.core.mail;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a message is recorded but not drafted for, with the evidence that decided it.
 *
 * @param kind   the class of traffic
 * @param reason the header or pattern that matched, e.g. {@code "Auto-Submitted: auto-replied"}
 */
public record MailFlag(Kind kind, String reason) {

    /** Classes of mail that must not get an automatic draft. */
    public enum Kind {
        /** Out-of-office and other automatic answers. */
        AUTO_REPLY,
        /** Bounces and delivery status notifications. */
        BOUNCE,
        /** Mailing-list and bulk traffic. */
        MAILING_LIST,
        /** Mail from the support address itself: answering it would loop. */
        OWN_ADDRESS,
        /** A kind written by a newer version that this reader does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Validates both parts. */
    public MailFlag {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say what matched");
        }
    }
}
