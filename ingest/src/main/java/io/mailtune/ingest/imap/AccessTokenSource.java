package io.mailtune.ingest.imap;

import java.io.IOException;

/** Obtains a fresh access token from an identity provider (for example with a refresh token). */
@FunctionalInterface
public interface AccessTokenSource {

    /**
     * Requests a new access token.
     *
     * @throws TokenRevokedException when the grant is gone and a person must re-authorise
     * @throws IOException           when the provider could not be reached; worth retrying
     */
    AccessToken fetch() throws TokenRevokedException, IOException;
}
