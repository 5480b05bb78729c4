package io.mailtune.agent.config;

import io.mailtune.testing.config.ConfigProperties;

/** The properties the agent's code reads: every {@code @ConfigMapping} in this package. */
public final class AgentProperties {

    private AgentProperties() {
    }

    /** All of them. */
    public static ConfigProperties all() {
        return ConfigProperties.of(ConfigProperties.mappingsInPackageOf(StorageSettings.class));
    }
}
