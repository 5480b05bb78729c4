package io.mailtune.trainer.service;

import io.mailtune.testing.config.ConfigProperties;
import io.mailtune.testing.config.ConfigurationDocumentedContract;

/** Every {@code mailtune.trainer.*} property {@link TrainerConfig} reads is documented; application.properties sets only those. */
class ConfigurationDocumentedTest extends ConfigurationDocumentedContract {

    @Override
    protected ConfigProperties properties() {
        return TrainerProperties.all();
    }

    @Override
    protected int atLeast() {
        return 50;
    }
}
