package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The background work after approval: the outbox relay, the SMTP sender, and the adapter follower. */
@ConfigMapping(prefix = "mailtune.delivery")
public interface OperationSettings {

    /** How often the outbox relay looks for events to publish. */
    @WithDefault("500ms")
    Duration outboxInterval();

    /** How often the sender looks for replies due. */
    @WithDefault("1s")
    Duration sendInterval();

    /** The first retry after a failed send; each further failure doubles it. */
    @WithDefault("2s")
    Duration sendFirstRetry();

    /** The longest wait between send retries. */
    @WithDefault("5m")
    Duration sendMaxRetry();

    /** Follow {@code mailtune.adapters} and hot-swap promoted adapters. */
    @WithDefault("true")
    boolean followAdapters();

    /** How long fetching an adapter's files may take. */
    @WithDefault("60s")
    Duration adapterFetchTimeout();
}
