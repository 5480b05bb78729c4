package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The demo world: the simulated customer who writes to the demo company, and the health port of the demo
 * infrastructure process ({@code ./mailtune start}). Read by the agent (embedded mode) and by
 * {@link io.mailtune.agent.embedded.DemoInfrastructure}.
 */
@ConfigMapping(prefix = "mailtune.demo")
public interface DemoSettings {

    /** The simulated customer. */
    Customer customer();

    /** Port of the demo infrastructure process's {@code /q/health} (0: any free port). */
    @WithDefault("8079")
    int healthPort();

    /** A customer who keeps writing realistic support mail over SMTP and answers the replies it receives. */
    interface Customer {
        /** Send mail at all. */
        @WithDefault("true")
        boolean enabled();

        /** Shortest wait between two new emails. */
        @WithDefault("30s")
        Duration minInterval();

        /** Longest wait between two new emails (each wait is drawn evenly between the two). */
        @WithDefault("60s")
        Duration maxInterval();

        /** Chance that a reply the customer receives gets a follow-up in the same thread. */
        @WithDefault("0.5")
        double followUpProbability();

        /** Most follow-ups the customer writes in one thread. */
        @WithDefault("2")
        int maxFollowUps();

        /** How often the customer's mailboxes are read (IMAP) for replies. */
        @WithDefault("5s")
        Duration replyCheckInterval();

        /** Seed of the generated cases; 0 draws one per start, so every start brings new mail. */
        @WithDefault("0")
        long seed();
    }
}
