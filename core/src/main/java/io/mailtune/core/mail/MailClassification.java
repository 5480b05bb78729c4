package io.mailtune.core.mail;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.util.List;

/**
 * What a message primarily is, one value per message, so that a consumer never has to decide between flags. When
 * several flags apply the most specific wins, in this order: {@link #OWN_ADDRESS} (our own mail came back; answering
 * it loops whatever else it carries), {@link #BOUNCE} (a delivery report, which usually also says
 * {@code Auto-Submitted}), {@link #AUTO_REPLY}, {@link #MAILING_LIST}.
 */
public enum MailClassification {
    // Declaration order is precedence: of(flags) picks the flagged class declared first.
    /** Mail from a customer: no flag applies, a draft is wanted. */
    CUSTOMER,
    /** Mail from the support address itself or carrying Mailtune's reply header. */
    OWN_ADDRESS,
    /** A bounce or delivery status notification. */
    BOUNCE,
    /** An out-of-office or other automatic answer. */
    AUTO_REPLY,
    /** Mailing-list or bulk traffic. */
    MAILING_LIST,
    /** A class written by a newer version that this reader does not know. */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** The primary class of a message with these flags: {@link #CUSTOMER} when there are none. */
    public static MailClassification of(List<MailFlag> flags) {
        if (flags == null || flags.isEmpty()) {
            return CUSTOMER;
        }
        MailClassification best = UNKNOWN;
        for (MailFlag flag : flags) {
            MailClassification candidate = of(flag.kind());
            if (candidate.ordinal() < best.ordinal()) {
                best = candidate;
            }
        }
        return best;
    }

    /** The class a single flag kind stands for. */
    public static MailClassification of(MailFlag.Kind kind) {
        return switch (kind) {
            case OWN_ADDRESS -> OWN_ADDRESS;
            case BOUNCE -> BOUNCE;
            case AUTO_REPLY -> AUTO_REPLY;
            case MAILING_LIST -> MAILING_LIST;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
