package io.mailtune.ingest.imap;

/** What a folder's first connection reads, before any checkpoint exists. */
public enum FirstSync {
    /** Only mail arriving from now on: an old mailbox is not drafted for message by message. */
    NEW_ONLY,
    /** Every message already in the folder. */
    ALL
}
