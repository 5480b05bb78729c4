package io.mailtune.trainer.service;

import io.mailtune.testing.config.ConfigProperties;

import java.util.List;

/** The properties the trainer's code reads: {@link TrainerConfig}. */
public final class TrainerProperties {

    private TrainerProperties() {
    }

    /** All of them. */
    public static ConfigProperties all() {
        return ConfigProperties.of(List.of(TrainerConfig.class));
    }
}
