package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** Where the agent keeps its files (embedded broker and database, indexes, adapters, raw mail). */
@ConfigMapping(prefix = "mailtune.storage")
public interface StorageSettings {

    /** The agent's data directory. */
    Path dataDir();
}
