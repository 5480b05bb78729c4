package io.mailtune.ingest.mime;

/** Why a message could not be normalised; recorded with a detail and never blocking later messages. */
public enum RejectionReason {
    /** Larger than {@link MessageLimits#maxMessageBytes()}. */
    TOO_LARGE,
    /** A header line longer than {@link MessageLimits#maxHeaderLineBytes()}. */
    HEADER_LINE_TOO_LONG,
    /** Not an RFC 822 message at all, or unparseable. */
    MALFORMED,
    /** No From, Sender or Return-Path address to attribute the message to. */
    NO_SENDER,
    /** An attached archive that expands far beyond its size. */
    ZIP_BOMB
}
