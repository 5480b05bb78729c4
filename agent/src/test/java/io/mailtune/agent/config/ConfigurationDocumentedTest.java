package io.mailtune.agent.config;

import io.mailtune.testing.config.ConfigProperties;
import io.mailtune.testing.config.ConfigurationDocumentedContract;

/** The agent's {@code mailtune.*} properties are all documented, and application.properties sets only those. */
class ConfigurationDocumentedTest extends ConfigurationDocumentedContract {

    @Override
    protected ConfigProperties properties() {
        return AgentProperties.all();
    }

    @Override
    protected int atLeast() {
        return 40;
    }
}
