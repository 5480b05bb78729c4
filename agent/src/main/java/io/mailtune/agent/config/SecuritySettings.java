package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Users of the review desk. */
@ConfigMapping(prefix = "mailtune.security")
public interface SecuritySettings {

    /** The first admin's name, created on first start with a generated password printed once. */
    @WithDefault("admin")
    String adminUser();

    /** Name of an environment variable holding the first admin's password instead of a generated one. */
    Optional<String> adminPasswordEnv();
}
