package io.mailtune.ingest.imap;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Hands out the current access token, refreshing it a margin before it expires so that a connection never starts
 * with a token about to lapse. A revocation is remembered and reported on every later call until
 * {@link #reauthorised} installs a new source.
 */
public final class RefreshingTokenProvider {

    private final Duration margin;
    private final Clock clock;
    private AccessTokenSource source;
    private AccessToken current;
    private TokenRevokedException revoked;

    /** A provider refreshing {@code margin} before expiry. */
    public RefreshingTokenProvider(AccessTokenSource source, Duration margin, Clock clock) {
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        if (margin == null || margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin);
        }
        this.source = source;
        this.margin = margin;
        this.clock = clock;
    }

    /** A provider refreshing five minutes before expiry. */
    public RefreshingTokenProvider(AccessTokenSource source) {
        this(source, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** The access token to use now. */
    public synchronized AccessToken token() throws TokenRevokedException, IOException {
        if (revoked != null) {
            throw revoked;
        }
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(margin))) {
            try {
                current = source.fetch();
            } catch (TokenRevokedException e) {
                revoked = e;
                current = null;
                throw e;
            }
        }
        return current;
    }

    /** Drops the cached token, e.g. after the server rejected it before its expiry. */
    public synchronized void invalidate() {
        current = null;
    }

    /** Installs a source with a new grant after an administrator re-authorised the mailbox. */
    public synchronized void reauthorised(AccessTokenSource newSource) {
        if (newSource == null) {
            throw new IllegalArgumentException("newSource is required");
        }
        source = newSource;
        revoked = null;
        current = null;
    }
}
