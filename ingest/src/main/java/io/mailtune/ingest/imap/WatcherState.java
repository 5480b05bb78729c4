package io.mailtune.ingest.imap;

/** Where a folder watcher stands, for health checks and the admin page. */
public enum WatcherState {
    /** Not connected yet. */
    STARTING,
    /** Connected; reading or waiting for mail. */
    CONNECTED,
    /** The connection failed; waiting before the next attempt. */
    RECONNECTING,
    /** The server refused the login or the OAuth2 grant was revoked: a person must act. */
    NEEDS_REAUTHORISATION,
    /** Stopped on request. */
    STOPPED
}
