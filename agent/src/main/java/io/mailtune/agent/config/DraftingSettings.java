package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The drafting pool: how many drafts are written at once and how claims behave. */
@ConfigMapping(prefix = "mailtune.drafting")
public interface DraftingSettings {

    /** Drafts in flight at once in this instance (the generator batches them); the rest wait in the database. */
    @WithDefault("16")
    int maxInFlight();

    /** How long a claim holds before another instance may take the draft over (an instance died mid-draft). */
    @WithDefault("2m")
    Duration lease();

    /** How often the pool looks for queued drafts when nothing wakes it. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Attempts before a draft is marked FAILED. */
    @WithDefault("3")
    int maxAttempts();

    /** This instance's name in claims and leases; absent: host name and process id. */
    Optional<String> instanceId();
}
