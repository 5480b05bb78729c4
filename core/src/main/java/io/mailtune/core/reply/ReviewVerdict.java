package io.mailtune.core.reply;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What a reviewer did with a draft. */
public enum ReviewVerdict {
    /** Approved and sent exactly as drafted. */
    APPROVED,
    /** Edited, then approved and sent. */
    EDITED,
    /** Rejected: nothing was sent from this draft. */
    REJECTED,
    /** A verdict written by a newer version that this reader does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
