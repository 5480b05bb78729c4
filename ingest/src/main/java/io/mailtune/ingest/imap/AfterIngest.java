package io.mailtune.ingest.imap;

/** What Mailtune does to a message on the server once it is published. Nothing, unless configured. */
public enum AfterIngest {
    /** Leave the message exactly as it is (the default): no flag, no move, no delete. */
    NOTHING,
    /** Set the \Seen flag. */
    MARK_SEEN,
    /** Move it to {@link MailboxConfig#moveTo()}. */
    MOVE
}
