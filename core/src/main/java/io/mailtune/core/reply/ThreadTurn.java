package io.mailtune.core.reply;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.time.Instant;

/**
 * An earlier message of a conversation as a draft's prompt showed it.
 *
 * @param author who wrote it
 * @param text   its normalised text
 * @param at     when it was sent, or null when unknown
 */
public record ThreadTurn(Author author, String text, Instant at) {

    /** Who wrote a message of the thread. */
    public enum Author {
        /** The customer. */
        CUSTOMER,
        /** The company's support staff (a sent reply). */
        STAFF,
        /** A value written by a newer version. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Absent values read as unknown or empty. */
    public ThreadTurn {
        author = author == null ? Author.UNKNOWN : author;
        text = text == null ? "" : text;
    }
}
